"""Read one YAML spec file safely, keeping the line and column of every value.

Only plain YAML data is accepted: no tags that construct objects, no merge keys, a bounded file
size, a bounded depth and a bounded number of values (an alias bomb is measured and refused before
it expands). Dates stay as
text, so the model parses them and reports an impossible date with its location; decimals are read as
exact `Decimal`, never as float.
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from ..errors import Problem
from ..i18n import N_, _, number

MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 500_000
"""Values in one file, aliases expanded; a spec file has a few hundred, the besluiten.yaml of a region with
10,000 decisions about 150,000."""
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_constructor = SafeConstructor()
_resolver = yaml.resolver.Resolver()
EXAMPLE_TAG = "!voorbeeld"
"""The one tag a spec may use: the value it stands before (a text, number, list, mapping or, before the
first field, the whole file) is an example, not a real value (`bedrag: !voorbeeld 76.80`)."""
_NON_PRINTABLE = Reader.NON_PRINTABLE
_EMPTY = N_("the file is empty; write this file's fields as 'field: value' (see docs/spec-format.md)")


@dataclass
class YamlFile:
    """A parsed spec file: its data and where each value and key stands."""

    path: Path
    display: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    written: dict[Path_, str] = field(default_factory=dict)
    """How a value that YAML did not read as text (a number, true/false, an empty value) was written."""
    examples: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """The values marked `!voorbeeld` (with everything inside them), in file order, and where each stands."""

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
    """Parse `path`; raise YamlProblem with a located message when it is not plain YAML."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise YamlProblem(Problem(display, message=_("is a folder; a YAML file is expected here")))
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(Problem(display, message=_("is not a regular file (but, for example, a pipe "
                                                         "or a device); a YAML file is expected here")))
        if info.st_size <= MAX_BYTES:
            with path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + 1)  # the file may grow after stat
    except OSError as exc:
        raise YamlProblem(Problem(display, message=_("cannot read the file ({reason})").format(
            reason=_os_error(exc)))) from None
    if info.st_size > MAX_BYTES or len(raw) > MAX_BYTES:
        size = info.st_size if info.st_size > MAX_BYTES else len(raw)
        raise YamlProblem(
            Problem(display, message=_("file is too large ({size} MB; at most {limit} MB per spec file); a "
                                       "spec is text: do not put images or large data in the file").format(
                size=_megabytes(size), limit=MAX_BYTES // (1024 * 1024)))
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(Problem(display, 1, 1, "", _("the file is saved as UTF-16 ('Unicode'); save it as "
                                                       "UTF-8 (in most editors: 'Save as' → encoding UTF-8)")))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.end].hex(" ").upper()
        pos = len(raw[: exc.start].decode("utf-8"))
        tolerant = raw.decode("utf-8", errors="replace")
        raise YamlProblem(_at(display, tolerant, pos, _("the file is not UTF-8 (byte {byte} here); save it "
                                                        "as UTF-8 (in most editors: 'Save as' → encoding "
                                                        "UTF-8)").format(byte=bad)))
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlProblem(Problem(display, 1, 1, "", _(_EMPTY)))
    control = _NON_PRINTABLE.search(text)
    if control:
        raise YamlProblem(_at(display, text, control.start(),
                              _("contains an invisible control character (U+{code}); remove it (often "
                                "copied along from another program)").format(code=f"{ord(control.group()):04X}")))
    try:
        root, alias_marks = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_yaml_problem(display, exc, text)) from None
    except _Limit as exc:
        raise YamlProblem(Problem(display, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know is marked
        raise YamlProblem(Problem(display, message=_("invalid YAML: {error}").format(error=exc))) from None
    result = YamlFile(path, display, None)
    if root is None:
        raise YamlProblem(Problem(display, 1, 1, "", _(_EMPTY)))
    if not isinstance(root, MappingNode):
        line, col = _mark(root)
        raise YamlProblem(
            Problem(display, line, col, "", _("the file must be a mapping (key: value), not a {kind}; begin with "
                                              "the fields as 'field: value' and indent a list under the field "
                                              "name it belongs to").format(kind=_kind(root)))
        )
    _Shape(display, root, alias_marks).check()
    builder = _Builder(result, text, alias_marks)
    result.data = builder.build(root, ())
    return result


def _os_error(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("no read permission; give yourself read permission on the file")
    if exc.errno == errno.ENOENT:
        return _("the file does not exist")
    return exc.strerror or str(exc)


def _megabytes(size: int) -> str:
    return number(size / (1024 * 1024), "0.0")


def _too_many() -> str:
    return _("too many values (more than {limit}) in one spec file; remove values that are not "
             "needed").format(limit=MAX_VALUES)


def _too_deep() -> str:
    return _("nested too deeply (more than {limit} levels); a spec has only a few levels: check the "
             "indentation, the brackets [ ] and {{ }} and the aliases (*name)").format(limit=MAX_DEPTH)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return _("list")
    if isinstance(node, ScalarNode):
        return _("single value")
    return _("mapping")


# --- composing with limits ------------------------------------------------------------------------

def _slot(parent: Node, index: Any) -> tuple[int, int]:
    """Where a child hangs in its parent: (id of the parent node, index in a list or id of the key)."""
    return id(parent), (id(index) if isinstance(index, Node) else index)


class _Limit(Exception):
    """Composing stopped: the file nests too deep or holds too many values."""

    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Limits:
    """Composer hooks: refuse deep nesting before it recurses, refuse more
    than MAX_VALUES written values, and remember where each alias stands."""

    def _start(self) -> None:
        self.depth = 0
        self.nodes = 0
        self.alias_marks: dict[tuple[int, int], Mark] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):  # type: ignore[attr-defined]
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            node: Node = super().compose_node(parent, index)  # type: ignore[misc]
            if parent is not None and index is not None:
                self.alias_marks[_slot(parent, index)] = mark
            return node
        self.depth += 1
        self.nodes += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Limit(self.peek_event().start_mark, _too_deep())  # type: ignore[attr-defined]
            if self.nodes > MAX_VALUES:
                raise _Limit(self.peek_event().start_mark, _too_many())  # type: ignore[attr-defined]
            composed: Node = super().compose_node(parent, index)  # type: ignore[misc]
            return composed
        finally:
            self.depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """The safe loader with the limits above."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start()


def _compose(text: str) -> tuple[Node | None, dict[tuple[int, int], Mark]]:
    """The node tree of `text` and where its aliases stand.

    The pure-Python loader, not libyaml: it is slower (about 3 s for a 5 MB file) but accepts
    exactly the YAML whose error messages are translated in _MESSAGES, with or without libyaml.
    """
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader.alias_marks
    finally:
        loader.dispose()


def _children(node: Node) -> list[tuple[str | int, Node, tuple[int, int]]]:
    """(part of the path, child, its slot) for every value in a list or mapping."""
    if isinstance(node, SequenceNode):
        return [(i, item, _slot(node, i)) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        return [(str(k.value) if isinstance(k, ScalarNode) else "?", v, _slot(node, k))
                for k, v in node.value]
    return []


class _Shape:
    """Measures the tree as it would be built, aliases expanded, without building it.

    An alias bomb (anchors of anchors, each used many times) is refused here with its place in the
    file; so is an alias that points into itself and nesting deeper than MAX_DEPTH.
    """

    def __init__(self, display: str, root: Node, alias_marks: dict[tuple[int, int], Mark]) -> None:
        self.display = display
        self.root = root
        self.alias_marks = alias_marks
        self.size: dict[int, int] = {}
        self.depth: dict[int, int] = {}

    def check(self) -> None:
        cap = MAX_VALUES + 1
        open_: set[int] = set()
        stack: list[tuple[Node, bool]] = [(self.root, False)]
        while stack:
            node, done = stack.pop()
            key = id(node)
            kids = _children(node)
            if done:
                open_.discard(key)
                self.size[key] = min(cap, 1 + sum(self.size[id(k)] for _, k, _ in kids))
                self.depth[key] = min(cap, 1 + max((self.depth[id(k)] for _, k, _ in kids), default=0))
                continue
            if key in self.size:
                continue
            open_.add(key)
            stack.append((node, True))
            for part, kid, slot in kids:
                if id(kid) in open_:
                    self._loop(node, part, kid, slot)
                if id(kid) not in self.size:
                    stack.append((kid, False))
        if self.size[id(self.root)] > MAX_VALUES:
            self._bomb()
        if self.depth[id(self.root)] > MAX_DEPTH:
            # follow the deepest branch to the first alias on it (a chain of aliases nests deeper
            # than it is written), or to the level that is one too deep
            node, mark = self.root, _mark(self.root)
            loc: Path_ = ()
            while len(loc) <= MAX_DEPTH:
                part, node, slot = max(_children(node), key=lambda c: self.depth[id(c[1])])
                loc, mark = (*loc, part), self._where(node, slot)
                if slot in self.alias_marks:
                    break
            raise YamlProblem(Problem(self.display, *mark, dotted(loc), _too_deep()))

    def _where(self, node: Node, slot: tuple[int, int]) -> tuple[int, int]:
        mark = self.alias_marks.get(slot)
        return (mark.line + 1, mark.column + 1) if mark else _mark(node)

    def _loop(self, parent: Node, part: str | int, kid: Node, slot: tuple[int, int]) -> None:
        loc = (*_lexical_paths(self.root, self.alias_marks).get(id(parent), ()), part)
        line, col = self._where(kid, slot)
        raise YamlProblem(Problem(self.display, line, col, dotted(loc), _(
            "this alias (*name) points to the list or mapping it is itself in: an endless repetition; write "
            "the values out")))

    def _bomb(self) -> None:
        node, where = self.root, _mark(self.root)
        loc: Path_ = ()
        while True:
            big = [c for c in _children(node) if self.size[id(c[1])] > MAX_VALUES]
            if not big:
                break
            part, node, slot = big[0]
            where = self._where(node, slot)
            loc = (*loc, part)
        if len(self.size) <= MAX_VALUES:
            message = _("too many values: the aliases (*name) in here unfold to more than {limit} values; "
                        "write the values out instead of repeating aliases of aliases").format(limit=MAX_VALUES)
        else:  # pragma: no cover - _Limits refuses this many written values while composing
            message = _too_many()
        raise YamlProblem(Problem(self.display, *where, dotted(loc), message))


def _lexical_nodes(root: Node, alias_marks: dict[tuple[int, int], Mark]) -> list[tuple[Node, Path_]]:
    """Every node with its path where it is written (not where an alias repeats it); a mapping's keys
    come with the path of their mapping."""
    out: list[tuple[Node, Path_]] = [(root, ())]
    stack: list[tuple[Node, Path_]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, MappingNode):
            out += [(k, loc) for k, _ in node.value]
        for part, kid, slot in _children(node):
            if slot not in alias_marks:
                out.append((kid, (*loc, part)))
                stack.append((kid, (*loc, part)))
    return out


def _lexical_paths(root: Node, alias_marks: dict[tuple[int, int], Mark]) -> dict[int, Path_]:
    """Path of every list or mapping where it is written."""
    return {id(n): loc for n, loc in _lexical_nodes(root, alias_marks) if not isinstance(n, ScalarNode)}


def _at(display: str, text: str, pos: int, message: str) -> Problem:
    """A problem at character `pos` of `text`, with the field there when a parse of `text` finds one."""
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return Problem(display, line, col, dotted(_field_at(_NON_PRINTABLE.sub(" ", text), pos)), message)


def _field_at(text: str, pos: int) -> Path_:
    """The path of the value written at character `pos`, or () when the text does not parse."""
    try:
        root, alias_marks = _compose(text)
    except (yaml.YAMLError, _Limit):
        return ()
    if root is None:
        return ()
    best: Path_ = ()
    for node, loc in _lexical_nodes(root, alias_marks):
        if isinstance(node, ScalarNode) and node.start_mark.index <= pos < node.end_mark.index:
            best = loc if len(loc) >= len(best) else best
    return best


class _Builder:
    def __init__(self, target: YamlFile, text: str, alias_marks: dict[tuple[int, int], Mark]) -> None:
        self.target = target
        self.text = text
        self.alias_marks = alias_marks
        self.count = 0

    def fail(self, where: Node | tuple[int, int], loc: Path_, message: str) -> YamlProblem:
        line, col = _mark(where) if isinstance(where, Node) else where
        return YamlProblem(Problem(self.target.display, line, col, dotted(loc), message))

    def build(self, node: Node, loc: Path_, where: tuple[int, int] | None = None) -> Any:
        """`where` is the place of an alias that repeats `node`, else `node` is where it is written."""
        where = where or _mark(node)
        self.count += 1
        if self.count > MAX_VALUES:  # pragma: no cover - _Shape refuses this before building
            raise self.fail(where, loc, _("too many values (more than {limit})").format(limit=MAX_VALUES))
        self.target.values.setdefault(loc, where)
        if node.tag == EXAMPLE_TAG:
            self.target.examples.setdefault(loc, where)
            node = _untagged(node)
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_TAG, "!!")
            raise self.fail(where, loc, _("YAML tag '{tag}' is not allowed; leave the tag out and write plain "
                                          "text, numbers, lists and mappings").format(tag=tag))
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise self.fail(key_node, loc, _("merge keys ('<<') are not supported; write the fields out"))
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(where if node.flow_style else key_node, loc, self._bad_key(node))
                key = str(key_node.value)
                child = (*loc, key)
                if key in out:
                    first = self.target.keys[child][0]
                    raise self.fail(key_node, child, _("key '{key}' appears twice in this mapping (also on line "
                                                       "{line}); remove or rename one of them").format(
                                                           key=key, line=first))
                self.target.keys[child] = _mark(key_node)
                out[key] = self.build(value_node, child, self._alias(node, key_node))
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), self._alias(node, i)) for i, item in enumerate(node.value)]
        return self.scalar(cast(ScalarNode, node), loc, where)  # PyYAML composes no fourth kind of node

    def _alias(self, parent: Node, index: Any) -> tuple[int, int] | None:
        mark = self.alias_marks.get(_slot(parent, index))
        return (mark.line + 1, mark.column + 1) if mark else None

    def _bad_key(self, node: MappingNode) -> str:
        if self.text.startswith("{{", node.start_mark.index):
            return _("put text that begins with '{{' in quotes, for example: titel: \"{{ naam }}\"")
        return _("a key must be a simple name; if a text begins with '[' or '{', put the text in quotes")

    def scalar(self, node: ScalarNode, loc: Path_, where: tuple[int, int]) -> Any:
        tag = node.tag[len(_TAG):]
        if tag in ("str", "timestamp"):
            return node.value
        self.target.written[loc] = node.value
        if tag == "float":
            text = node.value.replace("_", "")
            if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
                raise self.fail(where, loc, _("'{value}' is not a number that fits here; write, for example, "
                                              "186.50").format(value=node.value))
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - guarded by the pattern above
                raise self.fail(where, loc, _("'{value}' is not a number").format(value=node.value))
        try:
            return _constructor.construct_object(node)
        except (ValueError, KeyError, TypeError):
            if tag == "int":
                raise self.fail(where, loc, _("'{value}' is not a whole number that fits here").format(
                    value=_short(node.value))) from None
            raise self.fail(where, loc, _("'{value}' does not fit the tag !!{tag}; leave the tag out or write "
                                          "true or false").format(value=_short(node.value), tag=tag)) from None


def _untagged(node: Node) -> Node:
    """A copy of a `!voorbeeld` node with the tag YAML would have given it without the mark."""
    if isinstance(node, ScalarNode):
        # Resolver.resolve has no types in types-PyYAML
        tag = _resolver.resolve(ScalarNode, node.value, (node.style is None, True))  # type: ignore[no-untyped-call]
        return ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
    if isinstance(node, SequenceNode):
        return SequenceNode(_TAG + "seq", node.value, node.start_mark, node.end_mark, node.flow_style)
    mapping = cast(MappingNode, node)  # PyYAML composes no fourth kind of node
    return MappingNode(_TAG + "map", mapping.value, mapping.start_mark, mapping.end_mark, mapping.flow_style)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


_INDENT = N_("indentation is wrong: the fields of one mapping must be indented exactly as far")
_TAB = N_("tab found: YAML indents with spaces only; replace the tab with spaces")

_MESSAGES: list[tuple[str, str, bool]] = [
    # (pattern in PyYAML's context + problem, message (translated when used), locate at the context mark)
    (r"found character '\\t' that cannot start any token", _TAB, False),
    (r"found a tab character", _TAB, False),
    (r"while parsing a flow sequence|while parsing a flow node.*expected ',' or '\]'",
     N_("list between [ and ] is not closed properly: put ']' at the end and a comma between the items; "
        "put text with a comma or ': ' in quotes"), True),
    (r"while parsing a flow mapping",
     N_("mapping between {{ and }} is not closed properly: put '}}' at the end and a comma between the "
        "fields; put text with a comma or ': ' in quotes"), True),
    (r"found character '(?P<char>[^']+)' that cannot start any token",
     N_("in YAML a value may not begin with '{char}'; put the whole text in quotes"), False),
    (r"while scanning an? (alias|anchor)",
     N_("in YAML a value may not begin with '&' or '*' followed by a space; put the whole text in quotes"),
     False),
    (r"found unexpected end of stream",
     N_("unexpected end of the file: is a quote or bracket left open?"), False),
    (r"mapping values are not allowed here",
     N_("colon in an unexpected place: put text with ': ' in quotes, or check the indentation"), False),
    (r"could not find expected ':'",
     N_("line without 'field: value': put a colon after the field name, or indent continuing text as "
        "far as the text above"), False),
    (r"did not find expected key", _INDENT, False),
    (r"expected <block end>, but found", _INDENT, False),
    (r"did not find expected '-' indicator",
     N_("indentation is wrong: the items of one list must be indented exactly as far"), False),
    (r"found undefined alias (?P<name>.*)",
     N_("alias *{name} points to an anchor &{name} that does not exist (yet); an anchor must come "
        "before the alias"), False),
    (r"found duplicate anchor (?P<name>[^;]*)",
     N_("anchor &{name} appears twice; give the second anchor another name"), False),
    (r"but found another document",
     N_("a spec file holds one document: remove the line '---' or move what follows it to a file of "
        "its own"), False),
]


def _yaml_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    quote = _stray_quote(text, exc)
    if quote:
        return Problem(display, *quote)
    text_of_error = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message, at_context in _MESSAGES:
        match = re.search(pattern, text_of_error)
        if match:
            mark = (exc.context_mark if at_context else None) or exc.problem_mark or exc.context_mark
            groups = {k: v.strip("'\"") for k, v in match.groupdict().items()}
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            if "mapping values" in pattern and mark:
                deeper = _deeper_than_above(text, mark.line)
                if deeper:
                    return Problem(display, line, deeper[0], "", deeper[1])
            return Problem(display, line, col, "", _(message).format(**groups))
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(display, line, col, "", _("invalid YAML ({error})").format(
        error=(exc.problem or exc.context or "").strip()))


def _stray_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """(line, column, field, message) when the error comes from a value that begins with a quote meant
    as text ('t Hofje): YAML reads a quoted text on to the next such quote, lines further perhaps, and
    reports a puzzling error there. Then say where the quote began and how to write the value."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        start = exc.context_mark
        value = text.splitlines()[start.line][start.column:].rstrip()
        return start.line + 1, start.column + 1, "", _(
            "quote is not closed: put the same quote at the end of the text; or, if the quote belongs to the "
            "text, put the whole value in quotes of the other kind: {wrapped}").format(wrapped=_wrapped(value))
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    suspect: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                suspect = token
    except yaml.YAMLError:
        pass
    if suspect is None:
        return None
    start, end = suspect.start_mark, suspect.end_mark
    line_text = text.splitlines()[start.line]
    spans_lines = end.line > start.line
    rest = line_text[end.column:].strip() if end.line == start.line else ""
    text_follows = end.line == mark.line and rest != "" and not rest.startswith("#")
    if not (spans_lines or text_follows):
        return None
    quote = line_text[start.column]
    value = line_text[start.column:].rstrip()
    if " #" in value and spans_lines:
        value = value[:value.index(" #")]
    wrapped = _wrapped(value)
    message = _("the value begins with a quote ({quote}) that YAML reads as the start of a quoted text, which "
                "ends only at the next {quote} (line {line}); if the quote belongs to the text, put the whole "
                "value in quotes of the other kind: {wrapped}").format(quote=quote, line=end.line + 1,
                                                                       wrapped=wrapped)
    return start.line + 1, start.column + 1, "", message


def _wrapped(value: str) -> str:
    """`value` in the quotes that keep a quote it begins with: "'t Hart", or '"Zorg" voor …'."""
    if value.startswith("'"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + value.replace("'", "''") + "'"


def _deeper_than_above(text: str, line: int) -> tuple[int, str] | None:
    """A 'field: value' line indented deeper than the 'field: value' line above it."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    here = lines[line]
    above = next((ln for ln in reversed(lines[:line]) if ln.strip() and not ln.lstrip().startswith("#")), None)
    field_line = re.compile(r"^(\s*)(- +)?([^\s#:][^:#]*):( +\S|\s*$)")
    h, a = field_line.match(here), field_line.match(above or "")
    if not h or not a or not a.group(4).strip():
        return None
    indent_here, indent_above = len(h.group(1)), len(a.group(1)) + len(a.group(2) or "")
    if indent_here <= indent_above:
        return None
    return indent_here + 1, _("indentation is wrong: '{field}' is indented further than '{above}' above it; "
                              "indent the fields of one mapping exactly as far (if it is continuing text with "
                              "': ', put it in quotes)").format(field=h.group(3).strip(), above=a.group(3).strip())
