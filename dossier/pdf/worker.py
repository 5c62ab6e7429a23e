#!/usr/bin/python3
"""Warm LibreOffice worker: DOCX -> tagged PDF/A-2b over UNO.

Run with a Python that can ``import uno`` (on Debian: ``/usr/bin/python3`` with
``python3-uno``). Only the standard library and ``uno`` are used, so this file can
run outside the ``dossier`` environment.

    /usr/bin/python3 worker.py --profile /tmp/x/profile [--soffice /usr/bin/soffice]
                               [--pipe NAME] [--startup-timeout 60]

Protocol (one JSON object per line, UTF-8):

* as soon as soffice is spawned the worker writes ``{"soffice_pid": N}``, after
  start-up ``{"ready": true, "soffice_pid": N}``, or
  ``{"ready": false, "error": "..."}`` and exits with status 1;
* then it reads jobs ``{"src": "/abs/in.docx", "dst": "/abs/out.pdf"}`` from stdin
  and answers each with ``{"ok": true}`` or ``{"ok": false, "error": "..."}``.
  An answer with ``"fatal": true`` means LibreOffice itself is gone; the worker
  exits right after it (status 2) and the caller should start a new one;
* on EOF on stdin it terminates LibreOffice and exits 0.

soffice is started in its own session (process group ``soffice_pid``) so that a
caller that has to kill a hanging worker can kill LibreOffice as well. It never
outlives its owner: when the process that started this worker dies (even by
SIGKILL, so stdin may never see EOF while a conversion hangs) the worker kills
soffice's process group and exits; soffice's launcher gets SIGKILL when the worker
dies (Linux parent-death signal).
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

import uno
from com.sun.star.beans import PropertyValue

# Messages come from dossier's catalogs, read with the standard library (this file runs outside
# dossier's environment); the caller passes its language in DOSSIER_LANGUAGE.
_ = gettext.translation(
    "dossier", os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "locale"),
    languages=[os.environ.get("DOSSIER_LANGUAGE", "nl")], fallback=True,
).gettext

PDF_FILTER_DATA = {
    # PDF/A-2b, tagged, with the document title shown instead of the file name.
    "SelectPdfVersion": 2,
    "UseTaggedPDF": True,
    "DisplayPDFDocumentTitle": True,
    # Navigation: headings become bookmarks, the bookmark pane opens on start.
    "ExportBookmarks": True,
    "OpenBookmarkLevels": -1,
    "InitialView": 1,
    # No comments, no form widgets, no placeholders in the output.
    "ExportNotes": False,
    "ExportNotesPages": False,
    "ExportFormFields": False,
    "ExportPlaceholders": False,
    "IsSkipEmptyPages": False,
    "UseReferenceXObject": False,
}

# The import filter per extension; with an explicit filter a damaged file fails to
# load instead of being opened as plain text by type detection.
IMPORT_FILTERS = {
    ".docx": "MS Word 2007 XML",
    ".odt": "writer8",
    ".doc": "MS Word 97",
}


def _prctl() -> Callable[..., int] | None:
    try:
        import ctypes

        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (ImportError, OSError, AttributeError):
        return None


_PRCTL = _prctl() if sys.platform.startswith("linux") else None  # looked up before any fork


def _die_with_parent() -> None:
    """In the child between fork and exec: SIGKILL when the worker dies. Only a call of a function
    found beforehand: the UNO runtime may have threads, so nothing here may take a lock."""
    prctl = _PRCTL
    if prctl is not None:  # always: this runs only where prctl was found
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _watch_owner(owner: int, kill: Callable[[], None]) -> None:
    """Run `kill` and exit as soon as our parent, the dossier process `owner`, is gone: a killed
    build must not leave LibreOffice running, also while a conversion hangs and stdin is not read."""

    def loop() -> None:
        while os.getppid() == owner:
            time.sleep(0.2)
        kill()
        os._exit(3)

    threading.Thread(target=loop, name="owner-watch", daemon=True).start()


def _prop(name: str, value: Any) -> Any:
    return PropertyValue(Name=name, Value=value)


def _describe(exc: object) -> str:
    message: str = getattr(exc, "Message", None) or str(exc)
    name: str = getattr(exc, "typeName", None) or type(exc).__name__
    message = " ".join(message.split())
    return "%s: %s" % (name, message) if message else name


class Worker:
    def __init__(self, soffice: str, profile: str, pipe: str, startup_timeout: float) -> None:
        self.soffice_path = soffice
        self.profile = os.path.abspath(profile)
        self.pipe = pipe
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None  # a UNO object

    # -- life cycle -----------------------------------------------------------------
    def start(self, on_spawn: Callable[[int], None] | None = None) -> int:
        """Start soffice and connect to it; return soffice's pid."""
        os.makedirs(self.profile, exist_ok=True)
        cmd = [
            self.soffice_path,
            "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe,
        ]
        # soffice's own output goes to our stderr (never to the protocol channel).
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=sys.stderr.fileno(),
            stderr=sys.stderr.fileno(),
            start_new_session=True,
            cwd=os.path.dirname(self.profile),  # NSS writes pkcs11.txt where soffice runs: in our folder
            preexec_fn=_die_with_parent if _PRCTL is not None else None,
        )
        if on_spawn is not None:
            on_spawn(self.proc.pid)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe
        deadline = time.monotonic() + self.startup_timeout
        last = None
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    _("soffice stopped while starting (exit code {code})").format(code=self.proc.returncode)
                )
            try:
                ctx = resolver.resolve(url)
                break
            except Exception as exc:  # NoConnectException until soffice listens
                last = exc
            if time.monotonic() > deadline:
                raise RuntimeError(
                    _("no connection with soffice within {seconds} s ({error})").format(
                        seconds=self.startup_timeout, error=_describe(last))
                )
            time.sleep(0.1)
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        return self.proc.pid

    def alive(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            self.desktop.getComponents()
            return True
        except Exception:
            return False

    def kill(self) -> None:
        """SIGKILL soffice's process group (launcher and soffice.bin) at once; safe from any thread."""
        proc = self.proc
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None and self.desktop is not None:
            try:
                self.desktop.terminate()
            except Exception:
                pass  # the bridge is torn down while terminate() returns
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        # soffice may be a launcher with soffice.bin as child: clean up the group.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None

    # -- one job ----------------------------------------------------------------------
    def convert(self, src: str, dst: str) -> None:
        if not os.path.isabs(src) or not os.path.isabs(dst):
            raise ValueError(_("src and dst must be absolute paths"))
        if not os.path.isfile(src):
            raise FileNotFoundError(_("source file does not exist: {path}").format(path=src))
        load_props = [
            _prop("Hidden", True),
            # Read-only: LibreOffice then writes no ".~lock.NAME#" file next to the
            # source. A lock left by a killed soffice makes later loads fail.
            _prop("ReadOnly", True),
            _prop("MacroExecutionMode", 0),  # NEVER_EXECUTE
            _prop("UpdateDocMode", 0),  # NO_UPDATE (no external links)
            _prop("RepairPackage", False),
        ]
        filter_name = IMPORT_FILTERS.get(os.path.splitext(src)[1].lower())
        if filter_name:
            load_props.append(_prop("FilterName", filter_name))
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(src), "_blank", 0, tuple(load_props)
        )
        if doc is None:
            raise RuntimeError(_("LibreOffice could not open {file}").format(file=os.path.basename(src)))
        try:
            self._update_indexes(doc)
            filter_data = uno.Any(
                "[]com.sun.star.beans.PropertyValue",
                tuple(_prop(k, v) for k, v in PDF_FILTER_DATA.items()),
            )
            store_props = (
                _prop("FilterName", "writer_pdf_Export"),
                _prop("FilterData", filter_data),
                _prop("Overwrite", True),
            )
            uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(dst), store_props))
        finally:
            try:
                doc.close(True)
            except Exception:
                try:
                    doc.dispose()
                except Exception:
                    pass

    @staticmethod
    def _update_indexes(doc: Any) -> None:
        if not hasattr(doc, "getDocumentIndexes"):
            return  # not a text document
        # Fields first (page numbers, references), then the indexes. Two passes: the
        # first fills the table of contents, which may push the text to later pages;
        # the second puts the final page numbers in.
        for _ in range(2):
            doc.refresh()
            doc.getTextFields().refresh()
            indexes = doc.getDocumentIndexes()
            count = indexes.getCount()
            if count == 0:
                break
            for i in range(count):
                indexes.getByIndex(i).update()
        doc.getTextFields().refresh()


def _inject_fault(worker: Worker, src: str) -> None:
    """Fault injection for the build's own tests: DOSSIER_FAULT=hang:NAME stops soffice (a real
    hang) and DOSSIER_FAULT=crash:NAME kills it, when the file name contains NAME."""
    fault = os.environ.get("DOSSIER_FAULT", "")
    kind, _colon, name = fault.partition(":")
    if not name or name not in os.path.basename(src) or worker.proc is None:
        return
    # the whole process group: soffice is a launcher whose child soffice.bin does the work
    os.killpg(worker.proc.pid, signal.SIGSTOP if kind == "hang" else signal.SIGKILL)
    if kind != "hang":
        worker.proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", required=True, help="user profile directory (plain path)")
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--pipe", default=None)
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    parser.add_argument("--owner", type=int, default=None, help="pid of the caller; we stop when it is gone")
    args = parser.parse_args(argv)
    owner = args.owner if args.owner is not None else os.getppid()

    # Keep the protocol channel private: anything else printed to fd 1 (by us, by
    # UNO or by a child) ends up on stderr.
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(obj: dict[str, Any]) -> None:
        proto.write(json.dumps(obj, ensure_ascii=False) + "\n")
        proto.flush()

    pipe = args.pipe or "dossier_%d_%s" % (os.getpid(), secrets.token_hex(6))
    worker = Worker(args.soffice, args.profile, pipe, args.startup_timeout)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        worker.stop()
        os._exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)

    def spawned(pid: int) -> None:
        _watch_owner(owner, worker.kill)  # only now: soffice is forked before any thread runs
        send({"soffice_pid": pid})

    status = 0
    try:
        try:
            soffice_pid = worker.start(on_spawn=spawned)
        except Exception as exc:
            send({"ready": False, "error": _describe(exc)})
            return 1
        send({"ready": True, "soffice_pid": soffice_pid})
        while True:
            line = sys.stdin.readline()
            if not line:
                break  # EOF: the caller is done
            line = line.strip()
            if not line:
                continue
            try:
                job = json.loads(line)
                src, dst = job["src"], job["dst"]
            except (ValueError, KeyError, TypeError) as exc:
                send({"ok": False, "error": _("invalid job: {error}").format(error=exc)})
                continue
            try:
                _inject_fault(worker, src)
                worker.convert(src, dst)
            except Exception as exc:
                if not worker.alive():
                    send({"ok": False, "fatal": True,
                          "error": _("LibreOffice has stopped: {error}").format(error=_describe(exc))})
                    status = 2
                    break
                send({"ok": False, "error": _describe(exc)})
                continue
            send({"ok": True})
    finally:
        worker.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
