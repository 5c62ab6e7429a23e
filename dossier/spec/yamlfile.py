"""Read one YAML spec file safely, keeping the line and column of every value.

Only plain YAML data is accepted: no tags that construct objects, no merge keys, a bounded file
size and a bounded number of values (an alias bomb is refused before it expands). Dates and
decimals stay as text, so the model parses them and reports an impossible date with its location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 200_000

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_constructor = SafeConstructor()


@dataclass
class YamlFile:
    """A parsed spec file: its data and where each value and key stands."""

    path: Path
    display: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or its key), falling back to the nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.display, line, col, dotted(loc), message)


def dotted(loc: Path_) -> str:
    """`('deelsegmenten', 0, 'bekostiging')` → `deelsegmenten[0].bekostiging`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, display: str) -> YamlFile:
    """Parse `path`; raise YamlProblem with a Dutch, located message when it is not plain YAML."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem(Problem(display, message=f"kan het bestand niet lezen ({exc.strerror})"))
    if size > MAX_BYTES:
        raise YamlProblem(
            Problem(display, message=f"bestand is te groot ({size // (1024 * 1024)} MB; maximaal "
                    f"{MAX_BYTES // (1024 * 1024)} MB per specificatiebestand)")
        )
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            Problem(display, line, col, "", "het bestand is geen UTF-8; sla het op als UTF-8 "
                    "(in de meeste editors: 'Opslaan als' → codering UTF-8)")
        )
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlProblem(Problem(display, 1, 1, "", "het bestand is leeg; verwacht een mapping (sleutel: waarde)"))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_yaml_problem(display, exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know is marked
        raise YamlProblem(Problem(display, message=f"ongeldige YAML: {exc}")) from None
    result = YamlFile(path, display, None)
    if root is None:
        raise YamlProblem(Problem(display, 1, 1, "", "het bestand is leeg; verwacht een mapping (sleutel: waarde)"))
    if not isinstance(root, MappingNode):
        line, col = _mark(root)
        raise YamlProblem(
            Problem(display, line, col, "", f"het bestand moet een mapping (sleutel: waarde) zijn, "
                    f"geen {_kind(root)}")
        )
    builder = _Builder(result)
    result.data = builder.build(root, ())
    return result


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "lijst"
    if isinstance(node, ScalarNode):
        return "losse waarde"
    return "mapping"


class _Builder:
    def __init__(self, target: YamlFile) -> None:
        self.target = target
        self.count = 0

    def fail(self, node: Node, loc: Path_, message: str) -> YamlProblem:
        line, col = _mark(node)
        return YamlProblem(Problem(self.target.display, line, col, dotted(loc), message))

    def build(self, node: Node, loc: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(node, loc, f"te veel waarden (meer dan {MAX_VALUES}); het bestand "
                            "bevat waarschijnlijk een herhaalde alias (&/*) die exponentieel uitdijt")
        self.target.values.setdefault(loc, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_TAG, "!!")
            raise self.fail(node, loc, f"YAML-tag '{tag}' is niet toegestaan; schrijf gewone "
                            "tekst, getallen, lijsten en mappings")
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise self.fail(key_node, loc, "samenvoegsleutels ('<<') worden niet ondersteund; "
                                    "schrijf de velden uit")
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(key_node, loc, "een sleutel moet een eenvoudige naam zijn")
                key = str(key_node.value)
                child = (*loc, key)
                if key in out:
                    first = self.target.keys[child][0]
                    raise self.fail(key_node, child, f"sleutel '{key}' staat twee keer in deze mapping "
                                    f"(ook op regel {first}); verwijder of hernoem er één")
                self.target.keys[child] = _mark(key_node)
                out[key] = self.build(value_node, child)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node: ScalarNode, loc: Path_) -> Any:
        tag = node.tag[len(_TAG):]
        if tag in ("str", "timestamp"):
            return node.value
        if tag == "float":
            text = node.value.replace("_", "")
            if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
                raise self.fail(node, loc, f"'{node.value}' is geen getal dat hier past")
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - guarded by the pattern above
                raise self.fail(node, loc, f"'{node.value}' is geen getal")
        return _constructor.construct_object(node)


_MESSAGES = [
    (r"found character '\\t' that cannot start any token",
     "tab gevonden: YAML springt alleen in met spaties; vervang de tab door spaties"),
    (r"found a tab character",
     "tab gevonden: YAML springt alleen in met spaties; vervang de tab door spaties"),
    (r"found unexpected end of stream",
     "onverwacht einde van het bestand: staat er een aanhalingsteken open?"),
    (r"while scanning a quoted scalar",
     "aanhalingsteken niet gesloten: sluit de tekst af met hetzelfde aanhalingsteken"),
    (r"mapping values are not allowed here",
     "dubbele punt op een onverwachte plek: zet tekst met ': ' tussen aanhalingstekens, of "
     "controleer het inspringen"),
    (r"did not find expected key",
     "inspringing klopt niet: velden van één mapping moeten precies even ver inspringen"),
    (r"expected <block end>, but found",
     "inspringing klopt niet: velden van één mapping moeten precies even ver inspringen"),
    (r"did not find expected '-' indicator",
     "inspringing klopt niet: items van één lijst moeten precies even ver inspringen"),
    (r"special characters are not allowed|unacceptable character",
     "onzichtbaar stuurteken in de tekst; verwijder het (vaak meegekopieerd uit een ander programma)"),
    (r"found undefined alias", "alias (*naam) verwijst naar een anker (&naam) dat niet bestaat"),
    (r"found duplicate anchor", "anker (&naam) komt twee keer voor"),
]


def _yaml_problem(display: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message in _MESSAGES:
        if re.search(pattern, text):
            return Problem(display, line, col, "", message)
    return Problem(display, line, col, "", f"ongeldige YAML ({(exc.problem or exc.context or '').strip()})")
