"""Build a dossier: plan what changed, render DOCX, convert to PDF/A, bundle, install atomically.

Everything is loaded, validated and turned into contexts before anything is written. New files go
to a hidden staging folder first; only when every step is done are they renamed into place, and
the manifest is written last. A killed build leaves the previous outputs and manifest as they were.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__, manifest
from .context.common import Document, context_json, review_marks
from .errors import BuildError, DossierError, EnvironmentProblem, error_line
from .i18n import _, language, ngettext, number, using
from .kinds import KINDS, Kind, all_documents
from .manifest import Entry, Manifest, ManifestUnusable, canonical_hash, sha256_file
from .spec import Dossier

TOOL = f"dossier {__version__}"
# the house-style templates: dossier/templates is a link to the repository's templates/ (so they are
# package data in an installed copy); DOSSIER_TEMPLATES points a build at another house style
TEMPLATES = Path(os.environ.get("DOSSIER_TEMPLATES", Path(__file__).resolve().parent / "templates" / "standaard"))
STAGING = ".bouw"
LOCK = ".lock"
FORMATS = ("docx", "pdf")
PARALLEL_RENDER_FROM = 12
CONVERT_TIMEOUT = float(os.environ.get("DOSSIER_CONVERT_TIMEOUT", "120"))

BUNDLE_TITLES = {
    "raad": "{dossier}: stukken voor de gemeenteraden",
    "segment": "{dossier}: bestek {segment} met bijlagen",
}


@dataclass
class Options:
    out: Path
    formats: tuple[str, ...] = FORMATS
    only: tuple[str, ...] = ()
    jobs: int = os.cpu_count() or 2
    force: bool = False
    review: bool = False
    converter: Any = None
    """A started dossier.pdf.Converter to reuse (kept warm between builds); None: one per build."""


@dataclass
class Result:
    total: int = 0
    built: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    bundles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    environment_error: str | None = None

    def summary(self) -> str:
        """`8 documenten: 1 gebouwd, 7 ongewijzigd, 0 fouten in 4,1 s (1 bundel bijgewerkt)`."""
        line = _("{documents}: {built} built, {unchanged} unchanged, {errors} in {seconds} s").format(
            documents=ngettext("{n} document", "{n} documents", self.total).format(n=self.total),
            built=len(self.built), unchanged=self.unchanged,
            errors=ngettext("{n} error", "{n} errors", len(self.errors)).format(n=len(self.errors)),
            seconds=number(round(self.seconds, 1)))
        extra = []
        if self.bundles:
            extra.append(ngettext("{n} bundle updated", "{n} bundles updated", len(self.bundles)).format(
                n=len(self.bundles)))
        if self.removed:
            extra.append(_("{n} removed").format(n=len(self.removed)))
        return line + (f" ({', '.join(extra)})" if extra else "")


Report = Callable[[str], None]
Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]
"""Opens a progress display for N steps; the value it gives is called once per finished step."""


@dataclass
class _Plan:
    kind: Kind
    doc: Document
    entry: Entry
    reason: str | None  # None: unchanged

    @property
    def ident(self) -> str:
        return self.doc.ident


def build(d: Dossier, options: Options, report: Report, progress: Progress | None = None) -> Result:
    """Build dossier `d` into `options.out`; returns what happened (errors are in the result)."""
    started = time.perf_counter()
    out = options.out
    root = d.root.resolve()
    if out.resolve() == root or out.resolve().is_relative_to(root) or root.is_relative_to(out.resolve()):
        raise EnvironmentProblem(_("the output folder is inside the dossier folder ({out}); choose a folder "
                                   "outside the spec with --out, for example output/").format(out=out))
    out.mkdir(parents=True, exist_ok=True)
    with _lock(out):
        result = _build_locked(d, options, report, progress)
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    handle = open(out / LOCK, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise EnvironmentProblem(_("a build to {out} is already running; wait until it is done and try "
                                   "again").format(out=out)) from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def select_documents(d: Dossier, only: tuple[str, ...]) -> list[tuple[Kind, Document]]:
    """All documents, or those named by `--only KIND[/KEY]` (a usage error names the choices)."""
    docs = all_documents(d)
    if not only:
        return docs
    chosen = []
    kinds = [k.name for k in KINDS]
    for item in only:
        kind, _slash, key = item.partition("/")
        if kind not in kinds:
            raise DossierError(_("--only {item}: unknown kind '{kind}'; choose from {kinds}").format(
                item=item, kind=kind, kinds=", ".join(kinds)))
        match = [(k, doc) for k, doc in docs if k.name == kind and (not key or doc.key == key)]
        if not match:
            keys = ", ".join(doc.key for k, doc in docs if k.name == kind)
            raise DossierError(_("--only {item}: no document '{key}'; choose from {keys}").format(
                item=item, key=key, keys=keys))
        chosen += [m for m in match if m not in chosen]
    return chosen


def _build_locked(d: Dossier, options: Options, report: Report,
                  progress: Progress | None) -> Result:
    out = options.out
    result = Result()
    with review_marks(options.review):
        docs = select_documents(d, options.only)
    result.total = len(docs)
    try:
        old = manifest.read(out / manifest.NAME)
    except ManifestUnusable as exc:
        if (out / manifest.NAME).exists() or any(p.name != LOCK for p in out.iterdir()):
            report(_("full build: {reason}").format(reason=exc))
        old = Manifest(TOOL, d.key)
    sources = {name: sha256_file(src.path) for name, src in d.sources.items()}
    plans = [_plan(kind, doc, old, sources, options, out) for kind, doc in docs]
    todo = [p for p in plans if p.reason is not None]
    result.unchanged = len(plans) - len(todo)

    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        failed = _produce(d, todo, staging, options, report, result, progress)
        new = Manifest(TOOL, d.key, dict(old.entries) if options.only else {})
        for p in plans:
            if p.ident in failed:
                if p.ident in old.entries:
                    new.entries[p.ident] = old.entries[p.ident]
                continue
            new.entries[p.ident] = p.entry
        if "pdf" in options.formats and not result.environment_error:
            _bundles(d, plans, failed, old, new, staging, out, report, result)
        else:  # no PDFs this time: keep a recorded bundle only while every part is still current
            for ident, entry in old.entries.items():
                parts = entry.inputs.get("parts", {}) if entry.kind == "bundel" else None
                if parts is not None and all(
                        new.entries.get(part) and new.entries[part].files.get(f"{part}.pdf") == sha
                        for part, sha in parts.items()):
                    new.entries[ident] = entry
        _install(staging, out, old, new, result, report, keep_others=bool(options.only))
        manifest.write(out / manifest.NAME, new)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise BuildError(_("the disk is full while writing to {out}; nothing was overwritten. Free some "
                               "space and build again").format(out=out)) from None
        raise BuildError(_("cannot write to {out}: {reason}").format(out=out, reason=exc.strerror)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _plan(kind: Kind, doc: Document, old: Manifest, sources: dict[str, str], options: Options, out: Path) -> _Plan:
    template = TEMPLATES / kind.template
    inputs = {
        "context": canonical_hash(context_json(doc.context)),
        "template": _template_hash(template),
        "tool": TOOL,
        "fonts": fonts_hash(),
        "formats": sorted(options.formats),
        "sources": {s: sources[s] for s in doc.sources if s in sources},
    }
    entry = Entry(doc.kind, doc.key, doc.title, inputs,
                  {f"{doc.kind}/{doc.key}.{fmt}": "" for fmt in options.formats})
    previous = old.entries.get(doc.ident)
    return _Plan(kind, doc, entry, _why(previous, entry, options, out, template.name))


def _why(previous: Entry | None, entry: Entry, options: Options, out: Path, template: str) -> str | None:
    """Why a document must be rebuilt, in the writer's terms; None when it is current."""
    if previous is None:
        return _("new")
    if options.force:
        return "--force"
    new, old = entry.inputs, previous.inputs
    if not set(new["formats"]) <= set(old.get("formats", [])):
        added = ", ".join(sorted(set(new["formats"]) - set(old.get("formats", []))))
        return _("format {formats} added").format(formats=added)
    if new["tool"] != old.get("tool"):
        return _("new version of the program ({tool})").format(tool=new["tool"])
    if new["template"] != old.get("template"):
        return _("template {template} changed").format(template=template)
    if new["fonts"] != old.get("fonts"):
        return _("fonts changed")
    if new["context"] != old.get("context"):
        changed = [s for s, h in new["sources"].items() if old.get("sources", {}).get(s) != h]
        return _("{files} changed").format(files=", ".join(changed)) if changed else _("content changed")
    for rel in entry.files:
        recorded = previous.files.get(rel)
        path = out / rel
        if not recorded or not path.exists() or sha256_file(path) != recorded:
            return _("{file} is missing or was changed outside the build").format(file=rel)
    entry.files = dict(previous.files)  # current: keep every recorded format
    entry.inputs["formats"] = sorted(set(old.get("formats", [])) | set(new["formats"]))
    return None


def _template_hash(path: Path) -> str:
    """The template's content hash; cached per version of the file, so `dossier watch` (one long
    process) sees a template edited while it runs."""
    try:
        stat = path.stat()
    except OSError:
        raise BuildError(_("template {path} is missing").format(path=path)) from None
    return _hash_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _hash_of(path: Path, mtime_ns: int, size: int) -> str:
    return sha256_file(path)


@lru_cache(maxsize=1)
def fonts_hash() -> str:
    """Hash of the font files the templates use, so a font update rebuilds the PDFs."""
    try:
        listed = subprocess.run(["fc-list", "Liberation Sans", "file"], capture_output=True, text=True,
                                timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    files = sorted(line.split(":", 1)[0] for line in listed.splitlines() if line.strip())
    return canonical_hash([sha256_file(Path(f)) for f in files] or ["fonts missing"])


def _render_job(args: tuple[Path, Document, str, date, Path, str]) -> str | None:
    from .render.docx import render_docx  # docxtpl and python-docx load only when something is rendered

    template, doc, author, when, dst, lang = args
    try:
        with using(lang):  # a worker process may not have inherited the language chosen with --lang
            data = render_docx(template, doc, author=author, when=when)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
        return None
    except DossierError as exc:
        return exc.format_message()


def _produce(d: Dossier, todo: list[_Plan], staging: Path, options: Options, report: Report, result: Result,
             progress: Progress | None) -> set[str]:
    """Render and convert every planned document into `staging`; return the idents that failed."""
    failed: set[str] = set()
    if not todo:
        return failed
    for p in todo:
        report(_("build {document}: {reason}").format(document=p.ident, reason=p.reason))
    author = d.spec.opdrachtgever.naam
    jobs = [(TEMPLATES / p.kind.template, p.doc, author, d.spec.datum, staging / f"{p.ident}.docx", language())
            for p in todo]
    steps = len(todo) * (2 if "pdf" in options.formats else 1)
    with progress(steps) if progress else nullcontext(lambda: None) as tick:
        failed = _render_and_convert(d, todo, jobs, staging, options, report, result, tick)
    for p in todo:
        if p.ident in failed:  # its previous files stay as they were: nothing of it is installed
            for fmt in FORMATS:
                (staging / f"{p.ident}.{fmt}").unlink(missing_ok=True)
        else:
            for rel in p.entry.files:
                p.entry.files[rel] = sha256_file(staging / rel)
            result.built.append(p.ident)
    return failed


def _render_and_convert(d: Dossier, todo: list[_Plan], jobs: list, staging: Path, options: Options,  # type: ignore[type-arg]
                        report: Report, result: Result, tick: Callable[[], None]) -> set[str]:
    failed: set[str] = set()
    parallel = len(jobs) >= PARALLEL_RENDER_FROM and options.jobs > 1
    with ProcessPoolExecutor(max_workers=options.jobs) if parallel else nullcontext() as pool:
        errors = []
        for err in pool.map(_render_job, jobs, chunksize=4) if pool else map(_render_job, jobs):
            errors.append(err)
            tick()
    for p, err in zip(todo, errors):
        if err:
            failed.add(p.ident)
            result.errors.append(err)
            report(error_line(err))
    rendered = [p for p in todo if p.ident not in failed]
    if "pdf" in options.formats and rendered:
        failed |= _convert(d, rendered, staging, options, report, result, tick)
    return failed


def _convert(d: Dossier, rendered: list[_Plan], staging: Path, options: Options, report: Report,
             result: Result, tick: Callable[[], None]) -> set[str]:
    from .pdf import Converter, ConverterUnavailable

    failed: set[str] = set()
    pairs = [(staging / f"{p.ident}.docx", staging / f"{p.ident}.pdf") for p in rendered]
    by_pdf = {dst.absolute(): p for (_docx, dst), p in zip(pairs, rendered)}  # the converter answers absolute paths
    date = d.spec.datum.isoformat() + "T00:00:00Z"
    try:
        if options.converter is not None:  # a warm converter that outlives this build (dossier watch)
            options.converter.date = date
            errors = options.converter.convert(pairs, on_done=lambda src, dst, err: tick())
        else:
            with Converter(jobs=max(1, min(options.jobs, len(pairs))), timeout=CONVERT_TIMEOUT,
                           date=date) as conv:
                errors = conv.convert(pairs, on_done=lambda src, dst, err: tick())
    except ConverterUnavailable as exc:
        result.environment_error = str(exc)
        report(error_line(str(exc)))
        report(_("The DOCX files have been made; the PDFs follow once LibreOffice is installed (or build with "
                 "--format docx)."))
        for p in rendered:
            p.entry.files = {rel: "" for rel in p.entry.files if rel.endswith(".docx")}
            p.entry.inputs["formats"] = ["docx"]
        return failed
    for dst, message in errors.items():
        p = by_pdf[dst]
        failed.add(p.ident)
        text = _("{document}: making the PDF failed: {error}").format(document=p.ident, error=message)
        result.errors.append(text)
        report(error_line(text))
    return failed


def _bundle_groups(d: Dossier, plans: list[_Plan]) -> dict[str, list[_Plan]]:
    groups: dict[str, list[_Plan]] = {}
    for p in plans:
        for key in p.doc.bundles:
            groups.setdefault(key, []).append(p)
    # a segment bundle is the bestek first, then its bijlagen
    for key, members in groups.items():
        members.sort(key=lambda p: (p.kind.name != "bestek", p.kind.name != "samenvatting"))
    return groups


def _bundles(d: Dossier, plans: list[_Plan], failed: set[str], old: Manifest, new: Manifest, staging: Path,
             out: Path, report: Report, result: Result) -> None:
    from .bundle import merge_pdfs

    for key, members in _bundle_groups(d, plans).items():
        ident = f"bundel/{key}"
        rel = f"bundels/{key}.pdf"
        if any(p.ident in failed for p in members):
            if ident in old.entries:
                new.entries[ident] = old.entries[ident]
            continue
        parts_hash = {p.ident: p.entry.files.get(f"{p.ident}.pdf", "") for p in members}
        if not all(parts_hash.values()):
            continue
        segment = d.segmenten[key.removeprefix("segment-")].naam if key.startswith("segment-") else ""
        title = BUNDLE_TITLES["segment" if segment else key].format(dossier=d.spec.titel, segment=segment)
        inputs = {"parts": parts_hash, "title": title, "tool": TOOL}
        entry = Entry("bundel", key, title, inputs, {rel: ""})
        previous = old.entries.get(ident)
        target = out / rel
        if (previous and previous.inputs == inputs and target.exists()
                and sha256_file(target) == previous.files.get(rel)):
            new.entries[ident] = previous
            continue
        parts = []
        for p in members:
            staged = staging / f"{p.ident}.pdf"
            parts.append((p.doc.title, staged if staged.exists() else out / f"{p.ident}.pdf"))
        try:
            (staging / "bundels").mkdir(exist_ok=True)
            merge_pdfs(parts, staging / rel, title=title)
        except (ValueError, RuntimeError) as exc:
            text = _("{bundle}: bundling failed: {error}").format(bundle=ident, error=exc)
            result.errors.append(text)
            report(error_line(text))
            continue
        entry.files[rel] = sha256_file(staging / rel)
        new.entries[ident] = entry
        result.bundles.append(ident)
        report(_("bundle {bundle}: {documents}").format(bundle=ident, documents=", ".join(p.ident for p in members)))


def _install(staging: Path, out: Path, old: Manifest, new: Manifest, result: Result, report: Report,
             keep_others: bool) -> None:
    """Rename staged files into place, then remove outputs whose source is gone."""
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            rel = path.relative_to(staging).as_posix()
            if any(rel in e.files for e in new.entries.values()):
                target = out / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
    if keep_others:
        return
    for ident, entry in old.entries.items():
        if ident in new.entries:
            continue
        for rel in entry.files:
            (out / rel).unlink(missing_ok=True)
        result.removed.append(ident)
        report(_("removed {document}: its source no longer exists").format(document=ident))
    for ident, entry in new.entries.items():
        previous = old.entries.get(ident)
        if previous:
            for rel in set(previous.files) - set(entry.files):
                (out / rel).unlink(missing_ok=True)


def default_out(spec_dir: Path, out: Path | None, *, review: bool = False) -> Path:
    """`output/<dossier>/`, or `<out>/<dossier>/` with --out; a review build `<dossier>-review/`."""
    base = out if out is not None else Path("output")
    return base / (spec_dir.resolve().name + ("-review" if review else ""))


def echo_progress(enabled: bool) -> Progress | None:
    """A click progress bar with count and ETA when writing to a terminal."""
    if not enabled:
        return None
    import click

    @contextmanager
    def bar(total: int) -> Iterator[Callable[[], None]]:
        with click.progressbar(length=total, label=_("building"), show_pos=True, show_eta=True,
                               file=sys.stderr) as pb:
            yield lambda: pb.update(1)

    return bar
