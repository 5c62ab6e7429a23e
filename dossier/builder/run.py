"""Make the planned documents: render each DOCX and convert it to PDF/A, into staging, as a stream.

Rendering and conversion overlap: render worker processes (fresh interpreters, so they do not
share the builder's memory) make the DOCX files a few documents ahead of LibreOffice, and each
document's context is made again just before it is rendered, so a build of 10,000 documents holds
the contexts of a handful of them at a time, never of all.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..context.common import Document
from ..errors import DossierError, error_line
from ..files import sha256_file
from ..i18n import _, language, using
from ..spec import Dossier
from .plan import Plan
from .renderer import RenderWorker

PARALLEL_RENDER_FROM = 12
"""From this many documents on, render in worker processes (starting one costs about a second)."""
AHEAD = 4
"""Documents rendered ahead of conversion, per LibreOffice worker."""
RECYCLE = 250
"""Documents a render worker makes before a fresh one takes over: lxml keeps some memory of every
document it parsed (about 0.2 MB), which must not add up over 10,000 documents."""

Report = Callable[[str], None]
Tick = Callable[[str], None]
"""Called once per finished step with its phase: "render" or "pdf"."""
MakeDocument = Callable[[Plan], Document]
"""The document of a plan with its context (plans keep no context)."""


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


def render_workers(jobs: int) -> int:
    """Render processes beside `jobs` LibreOffice workers: rendering an award letter costs a sixth of
    converting it, so one keeps up with up to four converters."""
    return max(1, (jobs + 3) // 4)


def produce(d: Dossier, todo: list[Plan], staging: Path, formats: tuple[str, ...], jobs: int,
            converter: Any, report: Report, tick: Tick, make: MakeDocument) -> tuple[set[str], list[str], str | None]:
    """Render and convert every planned document into `staging`.

    Returns (the idents that failed, the error lines, an environment problem or None). A document
    that fails leaves nothing in staging, so its previous files stay as they are."""
    failed: set[str] = set()
    errors: list[str] = []
    lock = threading.Lock()  # render results arrive on a converter thread, conversions on this one

    def ticked(phase: str) -> None:
        with lock:
            tick(phase)

    def failure(p: Plan, text: str) -> None:
        with lock:
            failed.add(p.ident)
            errors.append(text)
            report(error_line(text))

    environment = None
    own = None
    if "pdf" in formats and todo and converter is None:
        converter = own = start_converter(d, max(1, min(jobs, len(todo))), len(todo))
        if isinstance(converter, str):
            environment, converter, own = converter, None, None
            report(error_line(environment))
            report(_("The DOCX files have been made; the PDFs follow once LibreOffice is installed (or build "
                     "with --format docx)."))
    converting = "pdf" in formats and environment is None
    renderers = render_workers(jobs) if converting else jobs  # without LibreOffice the cores are for rendering
    rendered = _rendered(d, todo, staging, jobs, renderers, make, ticked, failure)
    try:
        if "pdf" in formats and environment is None and todo:
            _convert(d, rendered, staging, converter, ticked, failure)
        else:
            for p in rendered:
                if "pdf" in formats:  # no LibreOffice: the DOCX now, the PDF in a later build
                    p.entry.files = {rel: "" for rel in p.entry.files if rel.endswith(".docx")}
                    p.entry.inputs["formats"] = ["docx"]
    finally:
        rendered.close()
        if own is not None:
            own.close()
    for p in todo:
        if p.ident in failed:
            for rel in p.entry.files:
                (staging / rel).unlink(missing_ok=True)
            (staging / f"{p.ident}.docx").unlink(missing_ok=True)
        else:
            for rel in p.entry.files:
                p.entry.files[rel] = sha256_file(staging / rel)
    return failed, errors, environment


def start_converter(d: Dossier, jobs: int, start: int) -> Any:
    """A converter with `jobs` LibreOffice workers of which the first `start` are starting in the
    background, or, when LibreOffice cannot be used, the message that says why."""
    from ..pdf import Converter, ConverterUnavailable
    from ..pdf.converter import CONVERT_TIMEOUT

    try:
        converter = Converter(jobs=jobs, timeout=CONVERT_TIMEOUT, date=d.spec.datum.isoformat() + "T00:00:00Z")
    except ConverterUnavailable as exc:
        return str(exc)
    converter.start(start)
    return converter


def _rendered(d: Dossier, todo: list[Plan], staging: Path, jobs: int, renderers: int, make: MakeDocument,
              tick: Tick, failure: Callable[[Plan, str], None]) -> Generator[Plan, None, None]:
    """Render the planned documents in order; yield each one whose DOCX is in staging."""
    author, lang = d.spec.opdrachtgever.naam, language()

    def job(p: Plan) -> tuple[Path, Document, str, date, Path, str]:
        return p.template, make(p), author, d.spec.datum, staging / f"{p.ident}.docx", lang

    def finished(p: Plan, err: str | None) -> bool:
        tick("render")
        if err:
            failure(p, err)
        return not err

    if len(todo) < PARALLEL_RENDER_FROM or jobs < 2:
        for p in todo:
            if finished(p, render_job(job(p))):
                yield p
        return
    workers = [RenderWorker() for _i in range(renderers)]
    retired: list[RenderWorker] = []
    try:
        pending: deque[tuple[Plan, RenderWorker]] = deque()
        waiting = iter(todo)
        turn = 0

        def submit() -> None:
            nonlocal turn
            p = next(waiting, None)
            if p is None:
                return
            slot = turn % len(workers)
            turn += 1
            if workers[slot].jobs >= RECYCLE:  # its answers still come; then it ends
                retired.append(workers[slot])
                workers[slot] = RenderWorker()
            workers[slot].submit(render_job, job(p))
            pending.append((p, workers[slot]))

        for _i in range(AHEAD * jobs):
            submit()
        while pending:
            p, worker = pending.popleft()
            err = worker.result()
            if worker in retired and all(w is not worker for _p, w in pending):
                retired.remove(worker)
                worker.close()
            submit()
            if finished(p, err):
                yield p
    finally:
        for worker in workers + retired:
            worker.close()


def _convert(d: Dossier, rendered: Iterator[Plan], staging: Path, converter: Any, tick: Tick,
             failure: Callable[[Plan, str], None]) -> None:
    from ..pdf.toc import fill_docx_toc, has_toc  # pikepdf: only when there is something to convert

    by_pdf: dict[Path, Plan] = {}  # the converter answers absolute paths

    def pairs() -> Iterator[tuple[Path, Path]]:
        for p in rendered:
            dst = (staging / f"{p.ident}.pdf").absolute()
            by_pdf[dst] = p
            yield staging / f"{p.ident}.docx", dst

    def done(src: Path, dst: Path, error: str | None) -> None:
        p = by_pdf.pop(dst)
        tick("pdf")
        if error is not None:
            failure(p, _("{document}: making the PDF failed: {error}").format(document=p.ident, error=error))
        elif has_toc(p.template):
            fill_docx_toc(src, dst)

    converter.date = d.spec.datum.isoformat() + "T00:00:00Z"
    converter.durable = False  # the install syncs the staging folder once, before its commit point
    converter.convert(pairs(), on_done=done)
