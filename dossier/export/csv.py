"""A spreadsheet of the decisions: one row per provider and deelsegment.

Semicolon-separated UTF-8 with a byte order mark and CRLF line ends, so Excel with Dutch settings
opens it with the columns and accents right; dates are ISO (JJJJ-MM-DD), which Excel reads as dates.
"""

from __future__ import annotations

import csv
import io

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


def to_bytes(d: Dossier) -> bytes:
    """The whole file: BOM, header row, data rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows(d))
    return buffer.getvalue().encode("utf-8-sig")
