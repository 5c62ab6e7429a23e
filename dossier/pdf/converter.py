"""Pool of warm LibreOffice workers converting DOCX to reproducible, tagged PDF/A-2b.

Each worker is a ``worker.py`` process run by a Python that can ``import uno``
(usually Debian's ``/usr/bin/python3``), with its own ``soffice`` and its own user
profile in a temporary directory. Workers start on first use and stay warm for
the life of the :class:`Converter`; a worker that hangs past the timeout or dies
is killed (process groups of the worker and of soffice) and replaced, and the
job is retried once.

LibreOffice never outlives the process that started it: a worker stops its
soffice when its parent dies (it watches its parent), and each worker's folder
records its owner, so the next converter to start kills what a killed owner left.

    with Converter(jobs=2) as conv:
        errors = conv.convert([(Path("a.docx"), Path("a.pdf"))])
"""

from __future__ import annotations

import errno
import json
import logging
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..errors import os_error_message
from ..i18n import _, language
from .normalize import DEFAULT_DATE, DEFAULT_LANG, normalize_pdf

__all__ = [
    "INSTALL_HINT",
    "Converter",
    "ConverterUnavailable",
    "find_soffice",
    "find_uno_python",
]

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
INSTALL_HINT = "apt-get install libreoffice-writer-nogui python3-uno"
_SOFFICE_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_LOG_TAIL = 1500
CONVERT_TIMEOUT = float(os.environ.get("DOSSIER_CONVERT_TIMEOUT", "120"))
"""Seconds one conversion may take (a build's default; DOSSIER_CONVERT_TIMEOUT overrides)."""
SECONDS_PER_MB = 20.0
"""Conversion time allowed per MB of a document's body (word/document.xml, uncompressed), on top of the base timeout."""


class ConverterUnavailable(Exception):
    """LibreOffice or its Python UNO bridge is not installed."""


class _WorkerError(Exception):
    """The worker process is unusable (did not start, died, or timed out)."""


class _CannotWrite(Exception):
    """A conversion cannot write its PDF (no room left, a read-only or missing folder): a problem of
    the machine that every other document would run into too, not of this document."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error

    @classmethod
    def disk_full(cls, folder: Path) -> _CannotWrite:
        return cls(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)))


_ROOM = 1 << 20
"""Free space (bytes) below which a failed conversion is put down to a full disk, not to the document."""


def _full_folder(folders: Iterable[Path], src: Path) -> Path | None:
    """The first of `folders` without room for a PDF of `src`, or None. LibreOffice's store error
    does not say why it failed; a disk with less room than a PDF needs does."""
    try:
        need = _ROOM + 4 * src.stat().st_size
    except OSError:
        need = _ROOM
    for folder in folders:
        try:
            usage = shutil.disk_usage(folder)
        except OSError:
            continue
        if usage.total > 0 and usage.free < need:  # /proc and the like have no size and are not full
            return folder
    return None


# -- discovery --------------------------------------------------------------------------


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice``, or None. ``DOSSIER_SOFFICE`` overrides."""
    env = os.environ.get("DOSSIER_SOFFICE")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _SOFFICE_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


@lru_cache(maxsize=None)
def _can_import_uno(python: str) -> bool:
    try:
        result = subprocess.run(
            [python, "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_worker_env(),
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def find_uno_python() -> str | None:
    """A Python that can ``import uno``: this one if it can, else ``/usr/bin/python3``.

    ``DOSSIER_UNO_PYTHON`` overrides the search.
    """
    env = os.environ.get("DOSSIER_UNO_PYTHON")
    candidates = [env] if env else [sys.executable, "/usr/bin/python3"]
    for python in candidates:
        if python and os.access(python, os.X_OK) and _can_import_uno(python):
            return python
    return None


def _worker_env() -> dict[str, str]:
    # The worker runs under another Python: do not hand it our module paths.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONUNBUFFERED"] = "1"
    env["DOSSIER_LANGUAGE"] = language()  # the worker's messages reach the user
    return env


def _unavailable_message(soffice: str | None, python: str | None) -> str:
    missing = []
    if soffice is None:
        missing.append("LibreOffice (soffice)")
    if python is None:
        missing.append(_("a Python with the UNO bridge (import uno)"))
    return _("PDF conversion is not available: {missing} is missing. Install with: {command}").format(
        missing=" {} ".format(_("and")).join(missing), command=INSTALL_HINT)


# -- leftovers of killed builds -------------------------------------------------------------

_BASE_PREFIX = "dossier-lo-"
_OWNER = "owner.json"


def _start_time(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), so a reused pid is not taken for it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22; the name before ")" may hold spaces


def _write_owner(base: Path) -> None:
    """Record which process owns the LibreOffice started in `base` (read by `reap_orphans`)."""
    me = os.getpid()
    (base / _OWNER).write_text(json.dumps({"pid": me, "start": _start_time(me)}), encoding="utf-8")


def _owner_alive(base: Path) -> bool:
    try:
        owner = json.loads((base / _OWNER).read_text(encoding="utf-8"))
        pid, start = int(owner["pid"]), owner["start"]
    except FileNotFoundError:
        return True  # being set up right now, or not ours to judge
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return _start_time(pid) == start if start is not None else Path(f"/proc/{pid}").exists()


def reap_orphans(tmp: Path | None = None) -> list[int]:
    """Kill the LibreOffice processes (and workers) of converters whose owner died without closing
    them (a SIGKILL, a power cut of the terminal), and remove their folders; returns the pids killed.

    A process belongs to a converter's folder when its command line names that folder (soffice's
    profile, the worker's --profile), so nothing else is touched. Linux only (reads /proc)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    tmp = tmp or Path(tempfile.gettempdir())
    try:
        dead = [b for b in tmp.glob(_BASE_PREFIX + "*") if b.is_dir() and not _owner_alive(b)]
    except OSError:
        return []
    if not dead:
        return []
    names = [b.name for b in dead]
    killed = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if any(name in cmdline for name in names):
            try:
                os.kill(int(entry.name), signal.SIGKILL)
                killed.append(int(entry.name))
            except OSError:
                pass
    for base in dead:
        shutil.rmtree(base, ignore_errors=True)
    return killed


# -- one worker process -----------------------------------------------------------------


class _Worker:
    """One ``worker.py`` process with its own soffice and profile directory."""

    def __init__(self, python: str, soffice: str, startup_timeout: float) -> None:
        self.base = Path(tempfile.mkdtemp(prefix=_BASE_PREFIX))
        _write_owner(self.base)
        self.log_path = self.base / "worker.log"
        self.soffice_pid: int | None = None
        self._buf = b""
        env = _worker_env()
        # LibreOffice's own temporary files go here: a TMPDIR that cannot be written (or that is a
        # file, which soffice replaces by a folder) must not make every conversion fail
        env["TMPDIR"] = str(self.base / "tmp")
        (self.base / "tmp").mkdir()
        with open(self.log_path, "wb") as log_file:
            self.proc = subprocess.Popen(
                [
                    python,
                    str(WORKER_SCRIPT),
                    "--soffice",
                    soffice,
                    "--profile",
                    str(self.base / "profile"),
                    "--startup-timeout",
                    str(startup_timeout),
                    "--owner",
                    str(os.getpid()),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=env,
                start_new_session=True,
            )
        assert self.proc.stdin is not None and self.proc.stdout is not None  # both are pipes
        self._stdin: IO[bytes] = self.proc.stdin
        self._stdout: IO[bytes] = self.proc.stdout
        try:
            deadline = time.monotonic() + startup_timeout + 5
            while True:
                msg = self._read(max(deadline - time.monotonic(), 0.001))
                if "soffice_pid" in msg:  # known early, so kill() can reach soffice
                    self.soffice_pid = int(msg["soffice_pid"])
                if "ready" in msg:
                    break
            if not msg["ready"] or self.soffice_pid is None:
                raise _WorkerError(_("LibreOffice does not start: {error}").format(
                    error=msg.get("error", _("unknown error"))))
        except BaseException:
            self.kill()
            raise

    def _read(self, timeout: float) -> dict[str, Any]:
        fd = self._stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _WorkerError(_("no answer from LibreOffice within {seconds} s").format(seconds=f"{timeout:g}"))
            ready = select.select([fd], [], [], remaining)[0]
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                self.proc.wait()
                raise _WorkerError(_("LibreOffice worker stopped (exit code {code})").format(
                    code=self.proc.returncode) + self._log_tail())
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            answer: dict[str, Any] = json.loads(line)
            return answer
        except ValueError as exc:
            raise _WorkerError(_("unreadable answer from the worker: {answer}").format(
                answer=repr(line[:200]))) from exc

    def request(self, src: Path, dst: Path, timeout: float) -> dict[str, Any]:
        job = json.dumps({"src": str(src), "dst": str(dst)}) + "\n"
        try:
            self._stdin.write(job.encode("utf-8"))
            self._stdin.flush()
        except OSError as exc:
            raise _WorkerError(_("LibreOffice worker cannot be reached: {error}").format(error=exc)) from exc
        return self._read(timeout)

    def _log_tail(self) -> str:
        try:
            text = self.log_path.read_text("utf-8", "replace").strip()
        except OSError:
            return ""
        lines = [ln for ln in text.splitlines() if "javaldx" not in ln]
        text = "\n".join(lines)[-_LOG_TAIL:]
        return f": {text}" if text else ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self, grace: float = 15.0) -> None:
        """Ask the worker to stop (EOF), then make sure everything is gone."""
        if self.proc.poll() is None:
            try:
                self._stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def kill(self) -> None:
        """Kill worker and soffice (both process groups) and remove the profile."""
        for pgid in (self.proc.pid, self.soffice_pid):
            if pgid is None:
                continue
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log.warning(_("worker {pid} does not respond to SIGKILL").format(pid=self.proc.pid))
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        shutil.rmtree(self.base, ignore_errors=True)


class _Feed:
    """The pairs still to convert, shared by the worker slots: each takes the next under a lock, so a
    generator behind it runs in one thread at a time. After an error of the generator, or `stop()`,
    it gives nothing more."""

    def __init__(self, first: tuple[Path, Path], rest: Iterator[tuple[Path, Path]]) -> None:
        self._first: tuple[Path, Path] | None = first
        self._rest = rest
        self._lock = threading.Lock()
        self._stopped = False
        self.error: BaseException | None = None

    def next(self) -> tuple[Path, Path] | None:
        with self._lock:
            if self._stopped:
                return None
            item, self._first = self._first, None
            if item is None:
                try:
                    item = next(self._rest, None)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller of convert()
                    self.error = exc
                    item = None
            if item is None:
                self._stopped = True
                return None
            src, dst = item
            return Path(src).absolute(), Path(dst).absolute()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True


def _shutdown(workers: list[_Worker | None]) -> None:
    for worker in workers:
        if worker is not None:
            worker.kill()


# -- the pool ---------------------------------------------------------------------------


class Converter:
    """Parallel DOCX -> PDF/A-2b conversion over ``jobs`` warm LibreOffice workers.

    ``timeout`` bounds one conversion (seconds); ``startup_timeout`` the start of a
    worker. Every PDF is passed through :func:`normalize_pdf` with ``date`` and
    ``lang``, so the same input gives the same bytes. That post-processing runs on a thread of its
    own: a worker's LibreOffice starts on the next document as soon as it has written a PDF.
    """

    def __init__(
        self,
        jobs: int,
        timeout: float = 60,
        *,
        startup_timeout: float = 60,
        date: datetime | str = DEFAULT_DATE,
        lang: str = DEFAULT_LANG,
        durable: bool = True,
    ) -> None:
        if jobs < 1:
            raise ValueError(_("jobs must be at least 1"))
        soffice, python = find_soffice(), find_uno_python()
        if soffice is None or python is None:
            raise ConverterUnavailable(_unavailable_message(soffice, python))
        self.jobs = jobs
        self.timeout = float(timeout)
        self.startup_timeout = float(startup_timeout)
        self.date = date
        self.lang = lang
        self.durable = durable
        """Sync each PDF to disk; a build that syncs its staging folder once sets it to False."""
        self.soffice = soffice
        self.python = python
        self._workers: list[_Worker | None] = [None] * jobs
        self._lock = threading.Lock()
        self._closed = False
        # Safety net if close() is never called: no orphaned soffice processes.
        self._finalizer = weakref.finalize(self, _shutdown, self._workers)
        self._cannot_write: OSError | None = None
        self._starting: list[threading.Thread] = []
        reap_orphans()

    # -- context manager --------------------------------------------------------------
    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop all workers (idempotent)."""
        self._started()
        with self._lock:
            self._closed = True
            workers = [w for w in self._workers if w is not None]
            self._workers[:] = [None] * len(self._workers)
        threads = [threading.Thread(target=w.close) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self._finalizer.detach()

    def start(self, count: int | None = None) -> None:
        """Start the first `count` workers (all by default) now, in the background: LibreOffice takes
        seconds to start, and a build overlaps that with its planning. A worker that fails to start is
        started again by `convert`, which reports why it fails."""
        with self._lock:
            if self._closed:
                return
            for slot in range(len(self._starting), min(self.jobs, count or self.jobs)):
                thread = threading.Thread(target=self._start_slot, args=(slot,), daemon=True,
                                          name=f"dossier-pdf-start-{slot}")
                self._starting.append(thread)
                thread.start()

    def _start_slot(self, slot: int) -> None:
        try:
            self._worker(slot)
        except Exception:  # noqa: BLE001 - convert() starts it again and reports why it fails
            self._discard(slot)

    def _started(self) -> None:
        for t in self._starting:
            t.join()

    # -- conversion -------------------------------------------------------------------
    def convert(
        self,
        pairs: Iterable[tuple[Path, Path]],
        on_done: Callable[[Path, Path, str | None], None] | None = None,
    ) -> dict[Path, str]:
        """Convert each ``(src.docx, dst.pdf)``; return ``{dst: error}`` for failures.

        ``dst`` is written directly (callers wanting atomicity pass a temporary
        name). ``on_done(src, dst, error_or_None)`` is called in the calling
        thread as each document finishes, in completion order.

        ``pairs`` may be a generator that yields each pair when its DOCX is ready (a build renders
        while LibreOffice converts): the workers take the next pair as soon as they are free, and
        nothing is read ahead. An exception the generator raises is raised here once the workers
        are idle.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError(_("the converter is already closed"))
            self._started()
            self._cannot_write = None
            source = iter(pairs)
            first = next(source, None)  # on the calling thread: a generator's first step may start things
            if first is None:
                return {}
            todo = _Feed(first, source)
            done: queue.SimpleQueue[tuple[Path, Path, str | None] | None] = queue.SimpleQueue()
            post = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-pdf-post")
            threads = [
                threading.Thread(
                    target=self._run_slot, args=(slot, todo, done, post), daemon=True,
                    name=f"dossier-pdf-{slot}",
                )
                for slot in range(self.jobs)
            ]
            for t in threads:
                t.start()
            errors: dict[Path, str] = {}
            callback_error: BaseException | None = None
            running = len(threads)
            while running:
                item = done.get()
                if item is None:  # a slot found the feed empty
                    running -= 1
                    continue
                src, dst, error = item
                if error is not None:
                    errors[dst] = error
                if on_done is not None and callback_error is None:
                    try:
                        on_done(src, dst, error)
                    except BaseException as exc:  # re-raised after the pool is idle
                        callback_error = exc
                        todo.stop()
            for t in threads:
                t.join()
            post.shutdown(wait=True)
            if todo.error is not None:
                raise todo.error
            if callback_error is not None:
                raise callback_error
            if self._cannot_write is not None:  # every document would fail the same way: say it once
                error, self._cannot_write = self._cannot_write, None
                raise error
            return errors

    def _run_slot(self, slot: int, todo: _Feed,
                  done: queue.SimpleQueue[tuple[Path, Path, str | None] | None], post: Executor) -> None:
        """Convert pairs from `todo` until it is empty; each PDF LibreOffice wrote goes to `post` to be
        checked and normalised while this worker's LibreOffice converts the next document. Every pair
        gets one result in `done`; the slot's end (None) comes after its last result."""
        pending: list[Future[None]] = []
        try:
            while True:
                item = todo.next()
                if item is None:
                    return
                src, dst = item
                if self._cannot_write is not None:
                    done.put((src, dst, _("not converted: {error}").format(
                        error=os_error_message(self._cannot_write))))
                    continue
                error = self._guarded(src, lambda: self._convert_one(slot, src, dst))
                if error is not None:
                    done.put((src, dst, error))
                    continue
                pending = [f for f in pending if not f.done()]
                pending.append(post.submit(self._post, src, dst, done))
        finally:
            wait(pending)
            done.put(None)

    def _guarded(self, src: Path, step: Callable[[], str | None]) -> str | None:
        """`step()`'s error, with a full disk remembered for every later document and any other
        exception as the document's error (never lost: the caller waits for every result)."""
        try:
            return step()
        except _CannotWrite as exc:
            self._cannot_write = exc.error
            return _("not converted: {error}").format(error=os_error_message(exc.error))
        except Exception as exc:
            log.exception(_("unexpected error with {file}").format(file=src))
            return _("unexpected error: {error}").format(error=exc)

    def _post(self, src: Path, dst: Path, done: queue.SimpleQueue[tuple[Path, Path, str | None] | None]) -> None:
        done.put((src, dst, self._guarded(src, lambda: self._finish(src, dst))))

    def _worker(self, slot: int) -> _Worker:
        worker = self._workers[slot]
        if worker is None or not worker.alive():
            if worker is not None:
                worker.kill()
                self._workers[slot] = None
            worker = _Worker(self.python, self.soffice, self.startup_timeout)
            self._workers[slot] = worker
        return worker

    def _discard(self, slot: int) -> None:
        worker = self._workers[slot]
        self._workers[slot] = None
        if worker is not None:
            worker.kill()

    def timeout_for(self, src: Path) -> float:
        """The time one conversion of `src` may take: the base timeout, plus time in proportion to the
        document's text (the uncompressed size of its body), so a long document is not cut off as if it
        hung."""
        try:
            with zipfile.ZipFile(src) as archive:
                size = archive.getinfo("word/document.xml").file_size
        except (OSError, KeyError, zipfile.BadZipFile):
            size = 0
        return self.timeout + SECONDS_PER_MB * size / 1_000_000

    def _convert_one(self, slot: int, src: Path, dst: Path) -> str | None:
        if not src.is_file():
            return _("source file does not exist: {path}").format(path=src)
        try:
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.unlink(missing_ok=True)  # a stale file must not pass for output
            open(dst, "wb").close()  # the operating system says why it cannot be written; LibreOffice would not
            dst.unlink()
        except OSError as exc:
            raise _CannotWrite(exc) from None

        error: str | None = None
        for attempt in (1, 2):
            try:
                worker = self._worker(slot)
                answer = worker.request(src, dst, self.timeout_for(src))
            except _WorkerError as exc:
                self._discard(slot)
                error = str(exc)
                log.warning(_("{file} (attempt {attempt}): {error}").format(file=src.name, attempt=attempt,
                                                                          error=error))
                continue
            if answer.get("ok"):
                error = None
                break
            error = str(answer.get("error") or _("unknown error"))
            self._raise_if_full(src, dst)
            if answer.get("fatal"):  # soffice crashed on this document
                self._discard(slot)
                log.warning(_("{file} (attempt {attempt}): {error}").format(file=src.name, attempt=attempt,
                                                                          error=error))
                continue
            return _("conversion failed: {error}").format(error=error)  # the document itself is the problem
        if error is not None:
            self._raise_if_full(src, dst)
            dst.unlink(missing_ok=True)
            return _("conversion failed after 2 attempts: {error}").format(error=error)
        return None

    def _finish(self, src: Path, dst: Path) -> str | None:
        """Check and normalise the PDF LibreOffice wrote for `src`; the error, or None."""
        try:
            with open(dst, "rb") as fh:
                head = fh.read(5)
        except OSError:
            return _("LibreOffice reported success but wrote no PDF")
        if not head.startswith(b"%PDF"):
            dst.unlink(missing_ok=True)
            return _("LibreOffice wrote no valid PDF")
        try:
            normalize_pdf(dst, date=self.date, lang=self.lang, durable=self.durable)
        except Exception as exc:
            dst.unlink(missing_ok=True)
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise _CannotWrite(exc) from None
            self._raise_if_full(src, dst)
            return _("post-processing the PDF failed: {error}").format(error=exc)
        return None

    @staticmethod
    def _raise_if_full(src: Path, dst: Path) -> None:
        dst.unlink(missing_ok=True)  # a partial PDF takes room, and is no output
        full = _full_folder([dst.parent, Path(tempfile.gettempdir())], src)
        if full is not None:
            raise _CannotWrite.disk_full(full)
