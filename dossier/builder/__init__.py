"""Build a dossier: plan what changed, render DOCX, convert to PDF/A, bundle, install.

One module per job: `plan` (what is current and why not), `run` (render and convert into
staging), `bundles` (merge the PDFs), `install` (put the result in place, recoverably), `manifest`
(what was made from what). Everything is loaded, validated and turned into contexts before anything
is written; a killed build leaves the old set of outputs, or a journal that the next build completes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EnvironmentProblem, os_error_message
from ..files import sha256_file
from ..i18n import _, ngettext, number
from . import install, manifest
from .current import TOOL
from .manifest import BUNDLE_KIND, FORMATS, Manifest, ManifestUnusable

if TYPE_CHECKING:  # the rest loads when a build plans (a build with nothing to do never loads it)
    from ..context.common import Document
    from ..spec import Dossier
    from .plan import Plan
    from .run import Report

LOCK = ".lock"

__all__ = ["FORMATS", "TOOL", "Options", "Result", "build", "default_out", "echo_progress"]


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
    shard: tuple[int, int] | None = None
    """(I, N): only the documents of shard I of N, without bundles (`dossier build --shard I/N`)."""
    shards: tuple[Path, ...] = ()
    """Take the documents from these shards' output folders instead of making them (`dossier merge`)."""


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


Progress = Callable[[int], AbstractContextManager[Callable[[str], None]]]
"""Opens a progress display for N steps; the value it gives is called once per finished step, with
the step's phase ("render" or "pdf")."""


def _no_progress(phase: str) -> None:
    """No progress display."""


def build(d: Dossier, options: Options, report: Report, progress: Progress | None = None) -> Result:
    """Build dossier `d` into `options.out`; returns what happened (errors are in the result)."""
    started = time.perf_counter()
    out = options.out
    root = d.root.resolve()
    if out.resolve() == root or out.resolve().is_relative_to(root) or root.is_relative_to(out.resolve()):
        raise EnvironmentProblem(_("the output folder is inside the dossier folder ({out}); choose a folder "
                                   "outside the spec with --out, for example output/").format(out=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _lock(out):
            install.recover(out, d.key, report)
            result = _build_locked(d, options, report, progress)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise EnvironmentProblem(_("the disk is full while writing to {out}; nothing was overwritten. Free "
                                       "some space and build again").format(out=out)) from None
        raise EnvironmentProblem(_("cannot write to {out}: {reason}").format(
            out=out, reason=os_error_message(exc, named=out))) from None
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    path = out / LOCK
    if path.is_symlink() or (path.exists() and not path.is_file()):
        install.remove(path)  # from a restored cache: never follow it
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise EnvironmentProblem(_("a build to {out} is already running; wait until it is done and try "
                                   "again").format(out=out)) from None
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _build_locked(d: Dossier, options: Options, report: Report, progress: Progress | None) -> Result:
    from ..context.common import review_marks
    from ..kinds import iter_documents
    from .plan import plan, select
    from .shard import in_shard

    out = options.out
    result = Result()
    try:
        old = manifest.read(out / manifest.NAME, d.key)
    except ManifestUnusable as exc:
        if any(p.name != LOCK for p in out.iterdir()):
            report(_("full build: {reason}").format(reason=exc))
        old = Manifest(TOOL, d.key)
    sources = {name: sha256_file(src.path) for name, src in d.sources.items()}
    plans = []
    early: Any = None  # LibreOffice starts while the rest is planned
    found = 0
    try:
        with review_marks(options.review):  # one context at a time: planned, hashed, and let go
            for kind, doc in iter_documents(d):
                if options.shard is not None and not in_shard(doc.ident, options.shard):
                    continue
                p = plan(d, kind, doc, old, sources, options.formats, options.force, out)
                p.doc = replace(doc, context={})
                plans.append(p)
                if p.reason is not None and "pdf" in options.formats and not options.only and not options.shards:
                    found += 1
                    if options.converter is not None:
                        if found <= options.jobs:
                            options.converter.start(found)
                    else:
                        early = _warm(d, early, options.jobs, found)
        chosen = select([(p.kind, p.doc) for p in plans], options.only)
        result.total = len(chosen)
        return _stage(d, options, report, progress, result, plans, chosen, old, early)
    finally:
        if early is not None:
            early.close()


def _warm(d: Dossier, converter: Any, jobs: int, todo: int) -> Any:
    """The build's converter once a document is found to be built, with as many LibreOffice workers
    starting as there are documents to build so far (up to `jobs`); None when LibreOffice is not there
    (the build then says so when it converts)."""
    from .run import start_converter

    if converter is None:
        converter = start_converter(d, jobs, 1)
        return None if isinstance(converter, str) else converter
    if todo <= jobs:
        converter.start(todo)
    return converter


def _stage(d: Dossier, options: Options, report: Report, progress: Progress | None, result: Result,
           plans: list[Plan], chosen: set[str], old: Manifest, early: Any) -> Result:
    out = options.out
    todo = [p for p in plans if p.reason is not None and p.ident in chosen]
    result.unchanged = sum(1 for p in plans if p.ident in chosen and p.reason is None)

    staging = install.fresh_staging(out)
    try:
        if early is not None:
            options = replace(options, converter=early)
        return _make(d, options, report, progress, result, plans, todo, chosen, old, staging)
    finally:
        if not (staging / install.JOURNAL).exists():  # before the commit point: nothing of it counts
            install.remove(staging)


def _make(d: Dossier, options: Options, report: Report, progress: Progress | None, result: Result,
          plans: list[Plan], todo: list[Plan], chosen: set[str], old: Manifest, staging: Path) -> Result:
    from ..context.common import review_marks
    from ..kinds import make_document
    from .bundles import make_bundles
    from .run import produce
    from .shard import take

    out = options.out
    for p in todo:
        report(_("build {document}: {reason}").format(document=p.ident, reason=p.reason))
    steps = len(todo) * (2 if "pdf" in options.formats and not options.shards else 1)

    def make(p: Plan) -> Document:
        with review_marks(options.review):
            return make_document(d, p.kind, p.doc.key)

    with progress(steps) if progress and todo else nullcontext(_no_progress) as tick:
        if options.shards:
            failed, errors = take(d.key, todo, staging, options.shards, report, tick)
        else:
            failed, errors, result.environment_error = produce(
                d, todo, staging, options.formats, options.jobs, options.converter, report, tick, make)
    result.errors += errors
    result.built = [p.ident for p in todo if p.ident not in failed]

    new = Manifest(TOOL, d.key)
    for p in plans:
        if p.ident in chosen and p.ident not in failed:
            new.entries[p.ident] = p.entry
        elif p.ident in old.entries:  # not asked for, or failed: its previous files stay as they were
            new.entries[p.ident] = old.entries[p.ident]
    if options.only:  # --only touches what it names: a document whose source is gone waits for a full build
        planned = {p.ident for p in plans}
        for ident, entry in old.entries.items():
            if ident not in planned and entry.kind != BUNDLE_KIND:
                new.entries[ident] = entry
    if options.shard is None:  # a shard has no bundles: the merge makes them
        merge = "pdf" in options.formats and not result.environment_error
        result.bundles, errors = make_bundles(d, plans, failed, old, new, staging, out, merge, report)
        result.errors += errors

    deletions = []
    for ident, entry in old.entries.items():
        current = new.entries.get(ident)
        if current is None:
            result.removed.append(ident)
            report(_("removed {document}: its source no longer exists").format(document=ident))
        deletions += [rel for rel in entry.files if current is None or rel not in current.files]
    moves = [rel for e in new.entries.values() for rel in e.files if (staging / rel).is_file()]
    install.install(out, staging, moves, deletions, new)
    return result


def default_out(spec_dir: Path, out: Path | None, *, review: bool = False) -> Path:
    """`output/<dossier>/`, or `<out>/<dossier>/` with --out; a review build `<dossier>-review/`."""
    base = out if out is not None else Path("output")
    return base / (spec_dir.resolve().name + ("-review" if review else ""))


def echo_progress(enabled: bool) -> Progress | None:
    """A click progress bar when writing to a terminal: steps done of all, ETA, and per phase how many
    documents are done with the rate of the last one (`DOCX 420 · PDF 380 · 9,8/s`), so a build of
    10,000 documents shows where it is and how fast it goes."""
    if not enabled:
        return None
    import click

    @contextmanager
    def bar(total: int) -> Iterator[Callable[[str], None]]:
        done: dict[str, int] = {}
        started = time.monotonic()

        def status(_item: object) -> str:
            seconds = time.monotonic() - started
            last = done.get("pdf", done.get("merge", done.get("render", 0)))
            parts = [f"{_PHASES.get(phase, phase)} {n}" for phase, n in done.items()]
            rate = f"{number(round(last / seconds, 1))}/s" if seconds > 1 and last else ""
            return " · ".join(parts + ([rate] if rate else []))

        with click.progressbar(length=total, label=_("building"), show_pos=True, show_eta=True,
                               item_show_func=status, file=sys.stderr) as pb:
            def tick(phase: str) -> None:
                done[phase] = done.get(phase, 0) + 1
                pb.update(1, phase)

            yield tick

    return bar


_PHASES = {"render": "DOCX", "pdf": "PDF", "merge": "shard"}
