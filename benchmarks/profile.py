"""Where a cold build's time goes: CPU seconds per phase and per process, wall seconds per phase.

    python benchmarks/profile.py SPEC_DIR [--jobs N] [--out DIR]

Builds SPEC_DIR cold in this process (the output folder is emptied first) and prints one JSON object:

- wall: seconds per phase of the parent (plan, produce = render + convert, bundles, install);
- parent_cpu: CPU seconds of this process per phase (time.process_time), and inside produce the CPU
  of the steps the parent does per document (normalise, TOC fill, hashing), measured per thread;
- children_cpu: CPU seconds of every descendant process by kind (soffice.bin, LibreOffice worker,
  render worker), read from /proc/<pid>/stat every 0.2 s (a process's last sample counts).

The machine may be shared: compare CPU seconds, which do not depend on the load, and read wall
seconds with the load average printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TICK = os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> dict[int, tuple[str, str, float]]:
    """pid -> (comm, cmdline head, CPU seconds) of every descendant of `root` (not `root` itself)."""
    parent: dict[int, int] = {}
    info: dict[int, tuple[str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                text = fh.read()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        parent[int(entry)] = int(fields[1])
        info[int(entry)] = (comm, (int(fields[11]) + int(fields[12])) / TICK)
    found: dict[int, tuple[str, str, float]] = {}
    for pid in info:
        p = pid
        while p in parent and p != root and p > 1:
            p = parent[p]
        if p == root and pid != root:
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:4000]
            except OSError:
                cmd = ""
            found[pid] = (info[pid][0], cmd, info[pid][1])
    return found


class Sampler:
    """CPU seconds of descendants, by kind; soffice runs in its own session but stays a descendant
    (worker -> soffice launcher -> soffice.bin) until it is killed."""

    def __init__(self) -> None:
        self.last: dict[int, tuple[str, float]] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.own_cpu = 0.0
        """CPU seconds of the sampling itself (counted in this process's time)."""

    def _kind(self, comm: str, cmd: str) -> str:
        if "soffice.bin" in comm:
            return "soffice.bin"
        if "oosplash" in comm or "soffice" in comm:
            return "soffice launcher"
        if "worker.py" in cmd:
            return "LibreOffice worker (uno python)"
        if "renderer import serve" in cmd:
            return "render worker"
        return comm

    def _loop(self) -> None:
        me = os.getpid()
        while not self.done.is_set():
            start = time.thread_time()
            for pid, (comm, cmd, cpu) in _descendants(me).items():
                self.last[pid] = (self._kind(comm, cmd), cpu)
            self.own_cpu += time.thread_time() - start
            time.sleep(0.2)

    def totals(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for kind, cpu in self.last.values():
            out[kind] += cpu
        return {k: round(v, 2) for k, v in sorted(out.items())}


class Phases:
    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.thread_cpu: dict[str, float] = defaultdict(float)
        self.lock = threading.Lock()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        w, c = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] += time.perf_counter() - w
            self.cpu[name] += time.process_time() - c

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.phase(name):
                return fn(*args, **kwargs)
        return wrapper

    def per_thread(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Count the CPU of the calling thread only (steps that run on the converter's threads)."""
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            c = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                with self.lock:
                    self.thread_cpu[name] += time.thread_time() - c
        return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dossier-profile-out"))
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    from dossier import builder
    from dossier.builder import bundles, install, run
    from dossier.pdf import converter as conv_mod, toc
    import dossier.files

    phases = Phases()
    run.produce = phases.wrap("produce", run.produce)  # type: ignore[assignment]
    builder_bundles = phases.wrap("bundles", bundles.make_bundles)
    bundles.make_bundles = builder_bundles  # type: ignore[assignment]
    install.install = phases.wrap("install", install.install)  # type: ignore[assignment]
    conv_mod.normalize_pdf = phases.per_thread("normalize (threads)", conv_mod.normalize_pdf)  # type: ignore[assignment]
    toc.fill_docx_toc = phases.per_thread("toc fill", toc.fill_docx_toc)  # type: ignore[assignment]
    for mod in (run, bundles, builder, dossier.files):
        if hasattr(mod, "sha256_file"):
            setattr(mod, "sha256_file", phases.per_thread("sha256", getattr(mod, "sha256_file")))

    out = args.out / args.spec.resolve().name
    shutil.rmtree(out, ignore_errors=True)
    sampler = Sampler()
    sampler.thread.start()
    w0, c0 = time.perf_counter(), time.process_time()
    from dossier import load
    with phases.phase("load"):
        d = load(args.spec)
    opts = builder.Options(out=out)
    if args.jobs:
        opts.jobs = args.jobs
    result = builder.build(d, opts, report=lambda line: None)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    time.sleep(0.5)
    sampler.done.set()
    sampler.thread.join()
    children = sampler.totals()
    rusage = __import__("resource").getrusage(__import__("resource").RUSAGE_CHILDREN)
    report = {
        "spec": args.spec.name, "docs": result.total, "built": len(result.built), "errors": len(result.errors),
        "wall": {"total": round(wall, 2), **{k: round(v, 2) for k, v in phases.wall.items()}},
        "sampler_cpu (in parent_cpu)": round(sampler.own_cpu, 2),
        "parent_cpu": {"total": round(cpu, 2), **{k: round(v, 2) for k, v in phases.cpu.items()},
                       **{k: round(v, 2) for k, v in phases.thread_cpu.items()}},
        "children_cpu": children, "children_cpu_sum": round(sum(children.values()), 2),
        "rusage_children": round(rusage.ru_utime + rusage.ru_stime, 2),
        "loadavg": open("/proc/loadavg").read().split()[:3],
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
