"""Make LibreOffice's PDF/A output byte-reproducible.

LibreOffice writes the time of conversion in several places (Info dictionary, XMP,
the header of the embedded sRGB ICC profile), a ``/DocChecksum`` and a random
``/ID``; it ignores ``SOURCE_DATE_EPOCH``. :func:`normalize_pdf` replaces all of
these with fixed values, so the same DOCX gives the same PDF bytes. PDF/A
identification, tags, outline and output intent are left alone.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pikepdf

from ..files import write_atomic

DEFAULT_DATE = "2000-01-01T00:00:00Z"
DEFAULT_LANG = "nl-NL"

__all__ = ["DEFAULT_DATE", "DEFAULT_LANG", "normalize_pdf"]


def _parse_date(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0)


def _fix_icc_profile(data: bytes, when: datetime) -> bytes | None:
    """Return the profile with its creation date set to ``when`` (None if unchanged).

    ICC header: bytes 24-35 hold the creation date as six big-endian uint16
    (year, month, day, hour, minute, second); bytes 84-99 an optional MD5 profile
    ID computed with flags (44-47), rendering intent (64-67) and the ID zeroed.
    """
    if len(data) < 128 or data[36:40] != b"acsp":
        return None
    stamp = struct.pack(">6H", when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = bytearray(data)
    out[24:36] = stamp
    if any(out[84:100]):
        tmp = bytearray(out)
        tmp[44:48] = bytes(4)
        tmp[64:68] = bytes(4)
        tmp[84:100] = bytes(16)
        out[84:100] = hashlib.md5(bytes(tmp)).digest()
    new = bytes(out)
    return None if new == data else new


def _fix_output_intents(pdf: pikepdf.Pdf, when: datetime) -> None:
    seen: set[tuple[int, int]] = set()
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream) or profile.objgen in seen:
            continue
        seen.add(profile.objgen)
        try:
            data = profile.read_bytes()
        except pikepdf.PdfError:
            continue  # a filter we cannot decode: leave it alone
        new = _fix_icc_profile(data, when)
        if new is not None:
            profile.write(zlib.compress(new, 9), filter=pikepdf.Name.FlateDecode)


def normalize_pdf(
    path: str | os.PathLike[str],
    title: str | None = None,
    *,
    date: datetime | str = DEFAULT_DATE,
    lang: str = DEFAULT_LANG,
) -> None:
    """Rewrite the PDF at ``path`` in place (atomically) with fixed metadata.

    - Info ``/CreationDate`` and ``/ModDate`` and XMP ``xmp:CreateDate``,
      ``xmp:ModifyDate`` and ``xmp:MetadataDate`` become ``date`` (UTC);
    - the creation date in the header of embedded ICC profiles too;
    - ``/DocChecksum`` (trailer or Info) is removed, ``/ID`` is derived from the content;
    - ``/Lang`` is set to ``lang`` only when the document has none;
    - with ``title``, Info ``/Title`` and XMP ``dc:title`` are set to it.
    """
    path = Path(path)
    when = _parse_date(date)
    # not strftime: its %Y writes the year 999 as '999', and PDF and XMP dates need four digits
    pdf_date = f"D:{when.year:04d}{when:%m%d%H%M%S}Z"
    xmp_date = f"{when.year:04d}-{when:%m-%dT%H:%M:%S}Z"

    with pikepdf.open(path) as pdf:
        # XMP first; we keep the Info dictionary in sync ourselves.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmp:CreateDate"] = xmp_date
            meta["xmp:ModifyDate"] = xmp_date
            meta["xmp:MetadataDate"] = xmp_date
            if title is not None:
                meta["dc:title"] = title

        info = pdf.docinfo
        info[pikepdf.Name.CreationDate] = pikepdf.String(pdf_date)
        info[pikepdf.Name.ModDate] = pikepdf.String(pdf_date)
        # LibreOffice 7.4 writes /DocChecksum into the trailer; others into Info.
        for holder in (info, pdf.trailer):
            if pikepdf.Name.DocChecksum in holder:
                del holder[pikepdf.Name.DocChecksum]
        if title is not None:
            info[pikepdf.Name.Title] = pikepdf.String(title)

        if not str(pdf.Root.get("/Lang", "")).strip():
            pdf.Root.Lang = pikepdf.String(lang)

        _fix_output_intents(pdf, when)

        if "/ID" in pdf.trailer:
            del pdf.trailer.ID

        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
    write_atomic(path, buffer.getvalue())

