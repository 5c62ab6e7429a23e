"""`dossier watch`: rebuild what a saved change affects, for writers who keep the PDF open beside
the editor.

Polling, standard library only: every interval the spec folders (and the templates) are listed
with each file's mtime and size. A change is handled once the folder has been quiet for one more
interval, so an editor that saves several files, or writes a file in two steps, causes one
rebuild. The rebuild is the normal incremental build: the manifest decides which documents the
change affects. Validation and build errors are printed and the watch goes on.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DossierError, SpecError, environment_message, error_line
from .i18n import _, number

Snapshot = dict[str, tuple[int, int]]
"""File (relative to the watched folder) → (mtime in ns, size)."""

Echo = Callable[[str], None]


def snapshot(folder: Path) -> Snapshot:
    """Every visible file under `folder` with its mtime and size; editor swap and backup files
    (hidden names, names ending in '~') are left out."""
    found: Snapshot = {}
    if not folder.is_dir():
        return found
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name.endswith("~"):
                continue
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:  # removed between listing and stat: the next round sees it gone
                continue
            found[path.relative_to(folder).as_posix()] = (st.st_mtime_ns, st.st_size)
    return found


def changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or changed between two snapshots, sorted."""
    return sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))


@dataclass
class Settings:
    """What each rebuild uses: the `dossier build` options."""

    out: Path | None = None
    formats: tuple[str, ...] = ("docx", "pdf")
    jobs: int = os.cpu_count() or 2
    interval: float = 0.5
    max_rounds: int | None = None
    """Stop after this many rounds (a round is one validate-and-build of one dossier); for tests."""
    converter: Any = None

    def warm_converter(self) -> Any:
        """One LibreOffice pool for the whole watch, so a rebuild does not wait for LibreOffice to start."""
        if self.converter is None and "pdf" in self.formats:
            from .pdf.converter import CONVERT_TIMEOUT
            from .pdf import Converter, ConverterUnavailable

            try:
                self.converter = Converter(jobs=self.jobs, timeout=CONVERT_TIMEOUT)
            except ConverterUnavailable:
                return None  # the build itself says what to install
        return self.converter


def rebuild(folder: Path, settings: Settings, echo: Echo, echo_err: Echo) -> bool:
    """Validate and incrementally build one dossier; print what happened; True when it succeeded."""
    from .review.vergelijk import load
    from .builder import Options, build, default_out

    try:
        d = load(folder)
    except SpecError as exc:
        for problem in exc.problems:
            echo_err(str(problem))
        echo_err(_("{folder}: {summary}; nothing was built, the previous documents stay. Save the file again "
                   "once it is fixed.").format(folder=folder, summary=exc.format_message()))
        return False
    options = Options(out=default_out(folder, settings.out), formats=settings.formats, jobs=settings.jobs,
                      converter=settings.warm_converter())
    try:
        result = build(d, options, echo)
    except DossierError as exc:
        echo_err(error_line(exc.format_message()))
        return False
    echo(f"{folder}: {result.summary()}")
    return not result.errors and not result.environment_error


def watch(folders: list[Path], settings: Settings, echo: Echo, echo_err: Echo,
          also: list[Path] | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Build each dossier once, then rebuild a dossier whenever one of its files changes (or, for
    every dossier, when a file in `also`, such as the templates folder, changes). Returns the exit
    status: 0 when stopped with Ctrl+C or after `max_rounds` rounds."""
    watched = {folder: snapshot(folder) for folder in folders}
    shared = {extra: snapshot(extra) for extra in also or []}
    rounds = 0
    healthy: dict[Path, bool] = {}

    def one(folder: Path, why: str) -> bool:
        nonlocal rounds
        echo(f"{time.strftime('%H:%M:%S')} {why}")
        ok = _guarded(lambda: rebuild(folder, settings, echo, echo_err), echo_err)
        if ok and healthy.get(folder) is False:
            echo(_("{folder}: valid again").format(folder=folder))
        healthy[folder] = ok
        rounds += 1
        return settings.max_rounds is not None and rounds >= settings.max_rounds

    try:
        for folder in folders:
            if one(folder, _("{folder}: first build").format(folder=folder)):
                return 0
        names = ", ".join(str(f) for f in folders)
        echo(_("watching {folders} (every {seconds} s); stop with Ctrl+C").format(
            folders=names, seconds=number(settings.interval, "0.0##")))
        while True:
            sleep(settings.interval)
            touched_shared = []
            for extra, old in shared.items():
                new = _settled(extra, old, settings.interval, sleep)
                if new != old:
                    touched_shared += [f"{extra}/{n}" for n in changes(old, new)]
                    shared[extra] = new
            for folder, old in watched.items():
                new = _settled(folder, old, settings.interval, sleep)
                touched = changes(old, new)
                if not touched and not touched_shared:
                    continue
                watched[folder] = new
                if one(folder, _("{folder}: changed: {files}").format(folder=folder,
                                                                       files=_names(touched + touched_shared))):
                    return 0
    except KeyboardInterrupt:
        echo(_("stopped"))
        return 0
    finally:
        if settings.converter is not None:
            settings.converter.close()


def _settled(folder: Path, old: Snapshot, interval: float, sleep: Callable[[float], None]) -> Snapshot:
    """The folder's snapshot once it has stopped changing (at most ten intervals), or `old` unchanged."""
    new = snapshot(folder)
    if new == old:
        return old
    for _round in range(10):
        sleep(interval)
        again = snapshot(folder)
        if again == new:
            break
        new = again
    return new


def _names(files: list[str], limit: int = 4) -> str:
    shown = ", ".join(files[:limit])
    if len(files) > limit:
        return _("{files} and {n} more").format(files=shown, n=len(files) - limit)
    return shown


def _guarded(step: Callable[[], bool], echo_err: Echo) -> bool:
    """Run a rebuild; a bug is printed with its traceback, and the watch goes on."""
    try:
        return step()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - a watch that dies on a bug loses the writer's session
        message = environment_message(exc)
        if message is not None:  # a folder that cannot be written, a full disk: the next save may go well
            echo_err(error_line(message))
            return False
        echo_err(traceback.format_exc().rstrip())
        echo_err(_("This is a bug in dossier, not in your spec; report it with the lines above. dossier watch "
                   "goes on."))
        return False
