"""A spreadsheet of the decisions: one row per provider and deelsegment.

Semicolon-separated UTF-8 with a byte order mark and CRLF line ends, so Excel with Dutch settings
opens it with the columns and accents right; dates are ISO (JJJJ-MM-DD), which Excel reads as dates.

What a spreadsheet makes of a cell is not up to the file, so two kinds of cell are written with care:

- Text that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
  return, also after spaces) gets an apostrophe in front, as OWASP advises against CSV injection: a
  provider called `=HYPERLINK(…)` shows as that text, never as a live formula. The apostrophe stays
  visible; that is the price.
- A KvK number is written `="01234567"`: Excel and LibreOffice Calc show the text 01234567, leading
  zero kept, where the bare digits would become the number 1234567. This is a formula, but only of a
  string constant, and only for exactly eight digits (what validation lets through), so nothing from a
  spec can make it anything else.
"""

from __future__ import annotations

import csv
import io
import re

from ..spec import Dossier
from . import contract_period, decisions

HEADERS = (
    "dossier", "segment", "deelsegment", "deelsegment-id", "inkoopvorm", "aanbieder", "aanbieder-sleutel",
    "KvK-nummer", "vestigingsplaats", "uitkomst", "OCDS-status", "kenmerk besluit", "verzonden",
    "einde opschortende termijn", "niet voldaan aan", "ingang contract", "einde contract",
)


def rows(d: Dossier) -> list[list[str]]:
    """The data rows, in the order of besluiten.yaml."""
    start, end = contract_period(d)
    out = []
    for dec in decisions(d):
        standstill = dec.standstill_einde(d)
        out.append([
            d.spec.titel,
            d.segmenten[dec.segment_key].naam,
            dec.deelsegment.naam,
            dec.deelsegment.id,
            dec.deelsegment.inkoopvorm.wordt.label,
            dec.aanbieder.naam,
            dec.aanbieder_key,
            dec.aanbieder.kvk,
            dec.aanbieder.adres.plaats,
            dec.uitkomst.uitkomst.label,
            "active" if dec.successful else "unsuccessful",
            dec.besluit.kenmerk,
            dec.besluit.verzonden.isoformat(),
            standstill.isoformat() if standstill else "",
            ", ".join(dec.uitkomst.niet_voldaan),
            start.isoformat() if dec.successful else "",
            end.isoformat() if dec.successful else "",
        ])
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""

_KVK = HEADERS.index("KvK-nummer")


def text_cell(value: str) -> str:
    """`value` as a cell that a spreadsheet shows as text, never evaluates."""
    if value.startswith(FORMULA_START) or value.lstrip(" \t\r\n").startswith(FORMULA_START):
        return "'" + value
    return value


def kvk_cell(kvk: str) -> str:
    """A KvK number that stays text, with its leading zero, in Excel and Calc."""
    return f'="{kvk}"' if re.fullmatch(r"[0-9]{8}", kvk) else text_cell(kvk)


def cells(row: list[str]) -> list[str]:
    """A data row as written to the file."""
    return [kvk_cell(v) if i == _KVK else text_cell(v) for i, v in enumerate(row)]


def to_bytes(d: Dossier) -> bytes:
    """The whole file: BOM, header row, data rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(cells(row) for row in rows(d))
    return buffer.getvalue().encode("utf-8-sig")
