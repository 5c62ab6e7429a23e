#!/usr/bin/python3
"""The floor: the least LibreOffice needs to turn DOCX files into the build's PDFs.

    /usr/bin/python3 benchmarks/floor.py --jobs 2 --out DIR FILE.docx...

`--jobs` warm soffice processes, each driven over UNO by its own process, take the files from one
shared queue: load (the build's import settings), store with the build's PDF export settings,
close. No index update, no normalisation, no hashing. Start-up is excluded: the clock starts when
every soffice is connected. Prints one JSON line: {"docs": N, "seconds": S}. Run with a Python that
can `import uno` (Debian: /usr/bin/python3); only the standard library and uno are used.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORKER = Path(__file__).resolve().parent.parent / "dossier" / "pdf" / "worker.py"


def _filter_data() -> dict[str, Any]:
    """The build's own PDF export settings, read from its worker (so the floor makes the same PDFs)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dossier_pdf_worker", WORKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.PDF_FILTER_DATA)


def _loop(slot: int, soffice: str, base: str, todo: Any, ready: Any, out: str) -> None:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: Any) -> Any:
        return PropertyValue(Name=name, Value=value)

    profile = os.path.join(base, f"profile{slot}")
    pipe = f"dossier_floor_{os.getpid()}"
    proc = subprocess.Popen([soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless",
                             "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("soffice does not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        data = uno.Any("[]com.sun.star.beans.PropertyValue", tuple(prop(k, v) for k, v in _filter_data().items()))
        store = (prop("FilterName", "writer_pdf_Export"), prop("FilterData", data), prop("Overwrite", True))
        load = (prop("Hidden", True), prop("ReadOnly", True), prop("FilterName", "MS Word 2007 XML"))
        ready.wait()
        while True:
            src = todo.get()
            if src is None:
                break
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, load)
            dst = os.path.join(out, os.path.basename(src)[:-5] + ".pdf")
            uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(dst), store))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        proc.kill()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default=None, help="folder for the PDFs (default: a temporary one)")
    parser.add_argument("--soffice", default=shutil.which("soffice") or "/usr/bin/soffice")
    parser.add_argument("files", nargs="*", help="DOCX files; read one per line from stdin when none are given")
    args = parser.parse_args()
    files = [str(Path(f).resolve()) for f in (args.files or sys.stdin.read().split("\n")) if f]
    ctx = mp.get_context("fork")  # before any uno import: each child makes its own bridge
    with tempfile.TemporaryDirectory(prefix="dossier-floor-", ignore_cleanup_errors=True) as base:
        out = args.out or base
        todo = ctx.Queue()
        for f in files:
            todo.put(f)
        for _ in range(args.jobs):
            todo.put(None)
        ready = ctx.Barrier(args.jobs + 1)
        procs = [ctx.Process(target=_loop, args=(i, args.soffice, base, todo, ready, out)) for i in range(args.jobs)]
        for p in procs:
            p.start()
        ready.wait(timeout=300)
        start = time.perf_counter()
        for p in procs:
            p.join()
        seconds = time.perf_counter() - start
        if any(p.exitcode for p in procs):
            raise SystemExit("a floor worker failed")
    print(json.dumps({"docs": len(files), "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
