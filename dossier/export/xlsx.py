"""The decisions as a workbook for an evaluation committee: one sheet per segment, one row per provider
and deelsegment, with the outcome and the score per gunningscriterium.

Made for Dutch Excel and LibreOffice Calc: the KvK number is text (leading zeros stay), scores are
numbers, the header row and the key column are frozen, the outcome cell offers a list of the outcomes
that fit the deelsegment's inkoopvorm and a score cell accepts a number from 0 to the criterion's
weight. The sheet is protected without a password: the cells that `dossier import xlsx` reads back
(provider name and KvK number, outcome, scores) are open, the keys and the rest are not, so a sorted or
filtered sheet still maps to the spec.

The layout (which column is what) is shared with the import: `headers_of`, `criteria_of`, `rows_of`.
Bid prices (`Uitkomst.inschrijfprijs`) get a column with a euro format when the spec model has them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from ..spec import Dossier
from ..spec.model import Besluit, Criterium, Deelsegment, Uitkomst
from ..spec.types import Uitkomstsoort

SHEET_TITLE_MAX = 31
INFO_SHEET = "Toelichting"

KEY_COLUMNS = ("Aanbieder (sleutel)", "Deelsegment (sleutel)")
"""The columns that say which decision a row is; the import finds the row's place in the spec by them."""
COLUMNS = (*KEY_COLUMNS, "Naam aanbieder", "KvK-nummer", "Kenmerk besluit", "Deelsegment", "Inkoopvorm",
           "Uitkomst")
EDITABLE = ("Naam aanbieder", "KvK-nummer", "Uitkomst")
TOTAL = "Totaal"
BID = "Inschrijfprijs"
BID_FIELD = "inschrijfprijs"
EURO = '[$€-413] #,##0.00'
"""Euro amounts as numbers, shown the Dutch way (`€ 1.234,56`) whatever the spreadsheet's locale."""


def has_bids(d: Dossier, segment: str) -> bool:
    """Whether the sheet of `segment` has a bid-price column: the spec model has bid prices
    (`Uitkomst.inschrijfprijs`) and the segment has a tendered deelsegment."""
    return BID_FIELD in Uitkomst.model_fields and any(
        ds.inkoopvorm.wordt.is_aanbesteden for ds in d.segmenten[segment].deelsegmenten)


def headers_of(d: Dossier, segment: str) -> list[str]:
    """The header row of a segment's sheet: the fixed columns, a score per criterion, the bid price (when
    the model has bid prices) and the total."""
    criteria = criteria_of(d, segment)
    return [*COLUMNS, *(score_header(c) for c in criteria), *([BID] if has_bids(d, segment) else []),
            *([TOTAL] if criteria else [])]


@dataclass(frozen=True)
class Row:
    """One decision on one deelsegment: where it stands in besluiten.yaml and what it says."""

    besluit_index: int
    uitkomst_index: int
    besluit: Besluit
    uitkomst: Uitkomst
    deelsegment: Deelsegment


def sheet_titles(d: Dossier) -> dict[str, str]:
    """Segment key → its sheet's title (the segment's name, shortened to Excel's 31 characters, unique)."""
    titles: dict[str, str] = {}
    for key in d.spec.segmenten:
        base = "".join(c for c in d.segmenten[key].naam if c not in "[]:*?/\\")[:SHEET_TITLE_MAX] or key
        title, n = base, 2
        while title in titles.values() or title == INFO_SHEET:
            suffix = f" {n}"
            title, n = base[:SHEET_TITLE_MAX - len(suffix)] + suffix, n + 1
        titles[key] = title
    return titles


def criteria_of(d: Dossier, segment: str) -> list[Criterium]:
    """The gunningscriteria of a segment's deelsegmenten, each id once, in order of appearance (the score
    columns of its sheet)."""
    seen: dict[str, Criterium] = {}
    for ds in d.segmenten[segment].deelsegmenten:
        for c in ds.inkoopvorm.gunningscriteria:
            seen.setdefault(c.id, c)
    return list(seen.values())


def rows_of(d: Dossier, segment: str) -> Iterator[Row]:
    """The decisions on a segment's deelsegmenten, in the order of besluiten.yaml."""
    ids = {ds.id: ds for ds in d.segmenten[segment].deelsegmenten}
    for b, besluit in enumerate(d.besluiten.besluiten):
        for u, uitkomst in enumerate(besluit.uitkomsten):
            if uitkomst.deelsegment in ids:
                yield Row(b, u, besluit, uitkomst, ids[uitkomst.deelsegment])


def score_header(c: Criterium) -> str:
    return f"{c.naam} ({c.id})"


def outcomes_for(ds: Deelsegment) -> tuple[str, str]:
    if ds.inkoopvorm.wordt.is_aanbesteden:
        return Uitkomstsoort.GEGUND.value, Uitkomstsoort.NIET_GEGUND.value
    return Uitkomstsoort.TOEGELATEN.value, Uitkomstsoort.AFGEWEZEN.value


def number(value: Decimal) -> int | float:
    """A score as a spreadsheet number: whole numbers stay whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def to_bytes(d: Dossier) -> bytes:
    """The workbook (XLSX)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = INFO_SHEET
    lines = [
        f"{d.spec.titel}: besluiten per deelsegment (versie {d.spec.versie})",
        "",
        "Eén blad per segment, één regel per aanbieder en deelsegment.",
        "U kunt wijzigen: " + ", ".join(EDITABLE) + ", de punten per gunningscriterium"
        + (" en de inschrijfprijs." if BID_FIELD in Uitkomst.model_fields else "."),
        "Lees de wijzigingen terug met: dossier import xlsx BESTAND MAP",
        "Elke cel wordt gecontroleerd zoals de specificatie; bij een fout wordt niets geschreven.",
    ]
    for r, line in enumerate(lines, start=1):
        info.cell(row=r, column=1, value=line)
    info["A1"].font = Font(bold=True)
    info.column_dimensions["A"].width = 100

    head_fill = PatternFill("solid", fgColor="DFE7F3")
    locked_fill = PatternFill("solid", fgColor="F2F2F2")
    open_cell = Protection(locked=False)
    aanbieders = d.aanbieders
    for segment, title in sheet_titles(d).items():
        ws = wb.create_sheet(title)
        criteria = criteria_of(d, segment)
        headers = headers_of(d, segment)
        bids = has_bids(d, segment)
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=col, value=header)
            cell.font = Font(bold=True)
            cell.fill = head_fill
        ws.freeze_panes = "C2"
        first_score = len(COLUMNS) + 1
        lists = {pair: DataValidation(type="list", formula1='"' + ",".join(pair) + '"', allow_blank=False,
                                      showErrorMessage=True, errorTitle="Uitkomst",
                                      error="Kies een uitkomst uit de lijst.")
                 for pair in {outcomes_for(ds) for ds in d.segmenten[segment].deelsegmenten}}
        for dv in lists.values():
            ws.add_data_validation(dv)
        for r, row in enumerate(rows_of(d, segment), start=2):
            provider = aanbieders.get(row.besluit.aanbieder)
            values: list[Any] = [row.besluit.aanbieder, row.uitkomst.deelsegment,
                                 provider.naam if provider else "", provider.kvk if provider else "",
                                 row.besluit.kenmerk, row.deelsegment.naam, row.deelsegment.inkoopvorm.wordt.label,
                                 row.uitkomst.uitkomst.value]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=col, value=value)
                editable = COLUMNS[col - 1] in EDITABLE
                cell.protection = open_cell if editable else Protection(locked=True)
                if not editable:
                    cell.fill = locked_fill
            ws.cell(row=r, column=COLUMNS.index("KvK-nummer") + 1).number_format = "@"
            lists[outcomes_for(row.deelsegment)].add(ws.cell(row=r, column=COLUMNS.index("Uitkomst") + 1))
            own = {c.id: c for c in row.deelsegment.inkoopvorm.gunningscriteria}
            for i, c in enumerate(criteria):
                cell = ws.cell(row=r, column=first_score + i)
                if c.id not in own:
                    cell.protection = Protection(locked=True)
                    cell.fill = locked_fill
                    continue
                score = row.uitkomst.scores.get(c.id)
                cell.value = number(score) if score is not None else None
                cell.number_format = "0.##"
                cell.protection = open_cell
                dv = DataValidation(type="decimal", operator="between", formula1="0",
                                    formula2=str(own[c.id].weging), allow_blank=True, showErrorMessage=True,
                                    errorTitle=c.naam, error=f"Punten van 0 tot {own[c.id].weging}.")
                ws.add_data_validation(dv)
                dv.add(cell)
            if bids:
                cell = ws.cell(row=r, column=first_score + len(criteria))
                if row.deelsegment.inkoopvorm.wordt.is_aanbesteden:
                    bid = getattr(row.uitkomst, BID_FIELD, None)
                    cell.value = float(bid) if bid is not None else None
                    cell.number_format = EURO
                    cell.protection = open_cell
                    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                        allow_blank=True, showErrorMessage=True, errorTitle=BID,
                                        error="Een bedrag in euro's, 0 of meer.")
                    ws.add_data_validation(dv)
                    dv.add(cell)
                else:
                    cell.protection = Protection(locked=True)
                    cell.fill = locked_fill
            if criteria:
                first, last = get_column_letter(first_score), get_column_letter(first_score + len(criteria) - 1)
                total = ws.cell(row=r, column=first_score + len(criteria) + (1 if bids else 0),
                                value=f"=SUM({first}{r}:{last}{r})")
                total.number_format = "0.##"
                total.fill = locked_fill
        for col, header in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(header) + 2))
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"
        ws.protection.sheet = True
        ws.protection.autoFilter = False
        ws.protection.sort = False
    moment = datetime(d.spec.datum.year, d.spec.datum.month, d.spec.datum.day, tzinfo=timezone.utc).replace(
        tzinfo=None)
    wb.properties.creator = d.spec.opdrachtgever.naam
    wb.properties.title = f"{d.spec.titel}: besluiten"
    wb.properties.created = moment
    wb.properties.modified = moment
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
