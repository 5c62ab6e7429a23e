"""`dossier import xlsx`: the committee's workbook (from `dossier export xlsx`) back into the spec.

Only the open cells are read (provider name and KvK number, outcome, score per criterion); a row is
found in besluiten.yaml by its two key columns, so sorting and filtering do no harm. A changed cell
becomes a change of that one value in besluiten.yaml or aanbieders.yaml, made with a YAML round-trip
(ruamel.yaml) and then laid onto the file as it is: comments, order, quoting, `!voorbeeld` marks and
line breaks of everything else stay byte for byte.

The changed files are validated in a copy of the dossier with the same rules and messages as
`dossier validate`; a problem is reported at its sheet, row and column. Nothing is written unless every
cell is right, and a workbook without changes writes nothing at all.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..errors import DossierError, EnvironmentProblem, Problem, SpecError
from ..i18n import _, ngettext
from ..spec import Dossier, load
from ..spec.load import display_path
from ..spec.yamlfile import dotted
from .xlsx import (BID, BID_FIELD, COLUMNS, INFO_SHEET, criteria_of, has_bids, headers_of, rows_of, score_header,
                   sheet_titles)

BESLUITEN = "besluiten.yaml"
AANBIEDERS = "aanbieders.yaml"
_MISSING = object()
"""A score cell left empty: the criterion's score is taken out."""


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: int
    header: str

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return str(get_column_letter(self.column))


@dataclass
class Edit:
    """One value to change: in which file, at which YAML path, to what, and the cell it comes from."""

    file: str
    path: tuple[str | int, ...]
    value: Any
    cell: Cell
    was: Any


@dataclass
class Imported:
    """What an import changed, per file."""

    edits: list[Edit] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


class WorkbookProblem(SpecError):
    """Cells that are wrong; nothing was written."""

    def _summary(self) -> str:
        n = len(self.problems)
        return ngettext("{n} error in the workbook", "{n} errors in the workbook", n).format(n=n)


def cell_problem(workbook: Path, cell: Cell, message: str) -> Problem:
    """`besluiten.xlsx, blad 'Ambulant', rij 5, kolom J: Kwaliteit (kwaliteit): …`"""
    where = _("{file}, sheet '{sheet}', row {row}, column {column}").format(
        file=workbook.name, sheet=cell.sheet, row=cell.row, column=cell.letter)
    return Problem(where, 0, 0, cell.header, message)


def import_workbook(d: Dossier, workbook: Path) -> Imported:
    """Read `workbook` into dossier `d`'s folder; raise WorkbookProblem (nothing written) when a cell is
    wrong."""
    edits, problems = read_edits(d, workbook)
    if problems:
        raise WorkbookProblem(problems)
    result = Imported(edits)
    if not edits:
        return result
    texts = {name: _edited_text(d.root / name, [e for e in edits if e.file == name])
             for name in sorted({e.file for e in edits})}
    problems = _validate(d, texts, edits, workbook)
    if problems:
        raise WorkbookProblem(problems)
    from ..files import write_atomic

    for name, text in texts.items():
        write_atomic(d.root / name, text.encode("utf-8"))
        result.written.append(d.root / name)
    return result


# --- reading the workbook -------------------------------------------------------------------------

def read_edits(d: Dossier, workbook: Path) -> tuple[list[Edit], list[Problem]]:
    """The changed cells as edits, and the cells that cannot be read."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(workbook, data_only=False)
    except FileNotFoundError:
        raise EnvironmentProblem(_("{file}: file does not exist").format(file=workbook)) from None
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise DossierError(_("{file}: not a workbook made by 'dossier export xlsx' ({error})").format(
            file=workbook, error=exc)) from None
    titles = sheet_titles(d)
    by_title = {title: key for key, title in titles.items()}
    edits: list[Edit] = []
    problems: list[Problem] = []
    providers: dict[str, Edit] = {}
    for ws in wb.worksheets:
        if ws.title == INFO_SHEET:
            continue
        segment = by_title.get(ws.title)
        if segment is None:
            problems.append(cell_problem(workbook, Cell(ws.title, 1, 1, ""), _(
                "this sheet is not a segment of the dossier; the sheets are: {titles}").format(
                titles=", ".join(titles.values()))))
            continue
        criteria = criteria_of(d, segment)
        expected = headers_of(d, segment)
        header = [ws.cell(row=1, column=c).value for c in range(1, len(expected) + 1)]
        if header != expected:
            bad = next(i for i, (h, e) in enumerate(zip(header, expected)) if h != e)
            problems.append(cell_problem(workbook, Cell(ws.title, 1, bad + 1, str(expected[bad])), _(
                "the columns are not those of 'dossier export xlsx' (expected '{expected}'); export again "
                "and copy your changes into the new workbook").format(expected=expected[bad])))
            continue
        place = {(row.besluit.aanbieder, row.uitkomst.deelsegment): row for row in rows_of(d, segment)}
        for r in range(2, ws.max_row + 1):
            key = (_text(ws.cell(row=r, column=1).value), _text(ws.cell(row=r, column=2).value))
            if key == ("", ""):
                continue
            row = place.pop(key, None)
            if row is None:
                problems.append(cell_problem(workbook, Cell(ws.title, r, 1, COLUMNS[0]), _(
                    "no decision for provider '{provider}' on deelsegment '{deelsegment}' in besluiten.yaml "
                    "(or it appears twice); rows cannot be added or copied here").format(
                    provider=key[0], deelsegment=key[1])))
                continue
            edits += _row_edits(d, ws, r, row, criteria, providers, problems, workbook)
    return edits, problems


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row_edits(d: Dossier, ws: Any, r: int, row: Any, criteria: list[Any], providers: dict[str, Edit],
               problems: list[Problem], workbook: Path) -> list[Edit]:
    out: list[Edit] = []
    col = {name: i + 1 for i, name in enumerate(COLUMNS)}

    def cell(name: str) -> Cell:
        return Cell(ws.title, r, col[name], name)

    provider = d.aanbieders.get(row.besluit.aanbieder)
    if provider is not None:
        for name, attr in (("Naam aanbieder", "naam"), ("KvK-nummer", "kvk")):
            raw = ws.cell(row=r, column=col[name]).value
            value = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else _text(raw)
            if isinstance(raw, str) and name == "Naam aanbieder":
                value = raw.strip()
            path = ("aanbieders", row.besluit.aanbieder, attr)
            if value == getattr(provider, attr):
                continue  # the same provider stands on more rows: only a changed cell counts
            earlier = providers.get(dotted(path))
            if earlier is not None and earlier.value != value:
                problems.append(cell_problem(workbook, cell(name), _(
                    "differs from {sheet}, row {row} for the same provider ('{value}'); give one value").format(
                    sheet=earlier.cell.sheet, row=earlier.cell.row, value=earlier.value)))
                continue
            if earlier is None:
                edit = Edit(AANBIEDERS, path, value, cell(name), getattr(provider, attr))
                out.append(edit)
                providers[dotted(path)] = edit
    base = ("besluiten", row.besluit_index, "uitkomsten", row.uitkomst_index)
    outcome = _text(ws.cell(row=r, column=col["Uitkomst"]).value)
    if outcome != row.uitkomst.uitkomst.value:
        out.append(Edit(BESLUITEN, (*base, "uitkomst"), outcome, cell("Uitkomst"), row.uitkomst.uitkomst.value))
    own = {c.id for c in row.deelsegment.inkoopvorm.gunningscriteria}
    for i, c in enumerate(criteria):
        column = len(COLUMNS) + 1 + i
        raw = ws.cell(row=r, column=column).value
        here = Cell(ws.title, r, column, score_header(c))
        old = row.uitkomst.scores.get(c.id)
        if c.id not in own:
            if raw not in (None, ""):
                problems.append(cell_problem(workbook, here, _(
                    "criterion '{id}' does not exist for deelsegment '{deelsegment}'; leave this cell empty").format(
                    id=c.id, deelsegment=row.deelsegment.id)))
            continue
        new = _score(raw)
        if new is _MISSING:
            if old is not None:
                out.append(Edit(BESLUITEN, (*base, "scores", c.id), _MISSING, here, old))
        elif not (isinstance(new, (int, float)) and old is not None and Decimal(str(new)) == old):
            out.append(Edit(BESLUITEN, (*base, "scores", c.id), new, here, old))
    if has_bids(d, row_segment(d, row)) and row.deelsegment.inkoopvorm.wordt.is_aanbesteden:
        column = len(COLUMNS) + 1 + len(criteria)
        here = Cell(ws.title, r, column, BID)
        old = getattr(row.uitkomst, BID_FIELD, None)
        new = _score(ws.cell(row=r, column=column).value)
        if new is _MISSING:
            if old is not None:
                out.append(Edit(BESLUITEN, (*base, BID_FIELD), _MISSING, here, old))
        elif not (isinstance(new, (int, float)) and old is not None and Decimal(str(new)) == old):
            out.append(Edit(BESLUITEN, (*base, BID_FIELD), new, here, old))
    return out


def row_segment(d: Dossier, row: Any) -> str:
    return d.deelsegment(row.deelsegment.id)[0]


def _score(raw: Any) -> Any:
    """A score cell as the YAML value it becomes: a number, text as typed (validation says what is
    wrong with it), or _MISSING."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _MISSING
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, (int, float)):
        return int(raw) if float(raw).is_integer() else raw
    text = str(raw).strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return int(value) if value == value.to_integral_value() else float(value)


# --- writing the YAML -----------------------------------------------------------------------------

def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, order, quotes and tags are kept
    yaml.preserve_quotes = True
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _edited_text(path: Path, edits: list[Edit]) -> str:
    """The text of `path` with `edits` made, everything else as it was."""
    original = path.read_text(encoding="utf-8")
    yaml = _yaml()
    baseline = _dump(yaml, yaml.load(original))
    data = yaml.load(original)
    for edit in edits:
        _set(data, edit.path, edit.value)
    changed = _dump(yaml, data)
    return _patched(original, baseline, changed, path)


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, TaggedScalar
    from ruamel.yaml.scalarstring import ScalarString

    parent = data
    for i, step in enumerate(path[:-1]):
        nxt = parent[step] if (isinstance(step, int) or step in parent) else None
        if nxt is None:  # `scores:` not there yet
            nxt = CommentedMap()
            parent[step] = nxt
        parent = nxt
    last = path[-1]
    if value is _MISSING:
        if last in parent:
            del parent[last]
        return
    old = parent.get(last) if isinstance(last, str) else parent[last]
    if isinstance(old, TaggedScalar) and isinstance(value, (str, int, float)):
        old.value = str(value)  # `kvk: !voorbeeld "…"` keeps its mark
        return
    if isinstance(old, ScalarString) and isinstance(value, str):
        value = type(old)(value)  # quoted stays quoted, a block stays a block
    parent[last] = value


def _patched(original: str, baseline: str, changed: str, path: Path) -> str:
    """Lay the difference between ruamel's dump before and after the edits onto the original text, so
    the few places where a dump is not byte-identical to the file (a comment after a tag, a folded
    line) stay as they are written."""
    o = original.splitlines(keepends=True)
    b = baseline.splitlines(keepends=True)
    c = changed.splitlines(keepends=True)
    to_original: dict[int, int] = {}
    for tag, i1, i2, j1, _j2 in SequenceMatcher(a=b, b=o, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                to_original[i1 + k] = j1 + k
    out = list(o)
    for tag, i1, i2, j1, j2 in reversed(SequenceMatcher(a=b, b=c, autojunk=False).get_opcodes()):
        if tag == "equal":
            continue
        if i1 < i2:
            if not all(k in to_original for k in range(i1, i2)):
                raise DossierError(_("{file}: cannot write the change without reformatting the file around "
                                     "line {line}; make this change in the YAML by hand").format(
                    file=path, line=to_original.get(i1 - 1, 0) + 2))
            start, end = to_original[i1], to_original[i2 - 1] + 1
        elif i1 in to_original:
            start = end = to_original[i1]
        elif i1 - 1 in to_original:
            start = end = to_original[i1 - 1] + 1
        elif i1 == len(b):
            start = end = len(o)
        else:
            raise DossierError(_("{file}: cannot write the change without reformatting the file around "
                                 "line {line}; make this change in the YAML by hand").format(file=path, line=i1 + 1))
        out[start:end] = c[j1:j2]
    return "".join(out)


# --- validating -----------------------------------------------------------------------------------

def _related(a: str, b: str) -> bool:
    """Whether two dotted paths are the same or one lies inside the other."""
    return a == b or any(x.startswith(y + sep) for x, y in ((a, b), (b, a)) for sep in (".", "["))


def _validate(d: Dossier, texts: dict[str, str], edits: list[Edit], workbook: Path) -> list[Problem]:
    """Load a copy of the dossier with the new texts; its problems, placed at the cells they come from."""
    with tempfile.TemporaryDirectory(prefix="dossier-import-") as tmp:
        copy = Path(tmp) / d.root.name
        shutil.copytree(d.root, copy, symlinks=True)
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        try:
            load(copy)
        except SpecError as exc:
            found = exc.problems
        else:
            return []
        shown, real = display_path(copy), display_path(d.root)
    cells = {(e.file, dotted(e.path)): e.cell for e in edits}
    out = []
    for problem in found:
        name = Path(problem.file).name
        best = None
        for (file, where), cell in cells.items():
            if file != name:
                continue
            if _related(problem.field, where):
                if best is None or len(where) > len(best[0]):
                    best = (where, cell)
        if best is not None:
            out.append(cell_problem(workbook, best[1], problem.message))
        else:
            out.append(Problem(problem.file.replace(shown, real, 1), problem.line, problem.column, problem.field,
                               problem.message + " " + _("(after the changes in {file})").format(file=workbook.name)))
    return out
