"""Make the planned documents: render each DOCX, then convert them to PDF/A, all into staging."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from ..context.common import Document
from ..errors import DossierError, error_line
from ..files import sha256_file
from ..i18n import _, language, using
from ..spec import Dossier
from .plan import Plan

PARALLEL_RENDER_FROM = 12
CONVERT_TIMEOUT = float(os.environ.get("DOSSIER_CONVERT_TIMEOUT", "120"))

Report = Callable[[str], None]
Tick = Callable[[], None]


def render_job(args: tuple[Path, Document, str, date, Path, str]) -> str | None:
    """Render one DOCX to `dst`; the error message, or None (runs in a worker process too)."""
    from ..render.docx import render_docx  # docxtpl and python-docx load only when something is rendered

    template, doc, author, when, dst, lang = args
    try:
        with using(lang):  # a worker process may not have inherited the language chosen with --lang
            data = render_docx(template, doc, author=author, when=when)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
        return None
    except DossierError as exc:
        return exc.format_message()


def produce(d: Dossier, todo: list[Plan], staging: Path, formats: tuple[str, ...], jobs: int,
            converter: Any, report: Report, tick: Tick) -> tuple[set[str], list[str], str | None]:
    """Render and convert every planned document into `staging`.

    Returns (the idents that failed, the error lines, an environment problem or None). A document
    that fails leaves nothing in staging, so its previous files stay as they are."""
    failed: set[str] = set()
    errors: list[str] = []
    author = d.spec.opdrachtgever.naam
    args = [(p.template, p.doc, author, d.spec.datum, staging / f"{p.ident}.docx", language()) for p in todo]
    parallel = len(args) >= PARALLEL_RENDER_FROM and jobs > 1
    with ProcessPoolExecutor(max_workers=jobs) if parallel else nullcontext() as pool:
        results = []
        for err in pool.map(render_job, args, chunksize=4) if pool else map(render_job, args):
            results.append(err)
            tick()
    for p, err in zip(todo, results):
        if err:
            failed.add(p.ident)
            errors.append(err)
            report(error_line(err))
    rendered = [p for p in todo if p.ident not in failed]
    environment = None
    if "pdf" in formats and rendered:
        environment = _convert(d, rendered, staging, jobs, converter, report, tick, failed, errors)
    for p in todo:
        if p.ident in failed:
            for rel in p.entry.files:
                (staging / rel).unlink(missing_ok=True)
            (staging / f"{p.ident}.docx").unlink(missing_ok=True)
        else:
            for rel in p.entry.files:
                p.entry.files[rel] = sha256_file(staging / rel)
    return failed, errors, environment


def _convert(d: Dossier, rendered: list[Plan], staging: Path, jobs: int, converter: Any, report: Report,
             tick: Tick, failed: set[str], errors: list[str]) -> str | None:
    from ..pdf import Converter, ConverterUnavailable

    pairs = [(staging / f"{p.ident}.docx", staging / f"{p.ident}.pdf") for p in rendered]
    by_pdf = {dst.absolute(): p for (_docx, dst), p in zip(pairs, rendered)}  # the converter answers absolute paths
    when = d.spec.datum.isoformat() + "T00:00:00Z"
    try:
        if converter is not None:  # a warm converter that outlives this build (dossier watch)
            converter.date = when
            problems = converter.convert(pairs, on_done=lambda src, dst, err: tick())
        else:
            with Converter(jobs=max(1, min(jobs, len(pairs))), timeout=CONVERT_TIMEOUT, date=when) as conv:
                problems = conv.convert(pairs, on_done=lambda src, dst, err: tick())
    except ConverterUnavailable as exc:
        report(error_line(str(exc)))
        report(_("The DOCX files have been made; the PDFs follow once LibreOffice is installed (or build with "
                 "--format docx)."))
        for p in rendered:
            p.entry.files = {rel: "" for rel in p.entry.files if rel.endswith(".docx")}
            p.entry.inputs["formats"] = ["docx"]
        return str(exc)
    for dst, message in problems.items():
        p = by_pdf[dst]
        failed.add(p.ident)
        text = _("{document}: making the PDF failed: {error}").format(document=p.ident, error=message)
        errors.append(text)
        report(error_line(text))
    return None
