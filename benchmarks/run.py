"""Benchmark of `dossier build` against a baseline and a floor, measured in the same run.

    python benchmarks/run.py [--decisions 1000,3000,10000] [--json] [--jobs N] [--no-example]

Scenarios: the example dossier cold, a no-op rebuild, a rebuild after one segment file changes, a
rebuild after one decision letter changes, and per size N a synthetic dossier with N admission
decisions (fictional providers), cold. Per scenario (with --json one JSON object per line):

- docs, seconds, docs_per_s;
- baseline_ratio: how many times faster than the baseline, a fresh `soffice --convert-to pdf`
  process per document as most tools do it (measured on a sample of the same documents);
- floor_ratio: build seconds / floor seconds, where the floor (benchmarks/floor.py) is 2 warm
  LibreOffice processes over UNO converting the same DOCX files and doing nothing else, measured
  right after the build (1.0 would be a build that costs nothing beyond LibreOffice);
- peak_mib: the largest summed RSS of the build process and all its children (render workers and
  LibreOffice included), sampled every 50 ms; load: the 1-minute load average at the end.

On a loaded machine compare ratios, not absolute figures. Quick run: --decisions 100 --no-example.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "specs" / "twente-2025"
PDF_FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
              '"UseTaggedPDF":{"type":"boolean","value":"true"}}')


def tree_rss_kib(pid: int) -> int:
    """Summed resident memory of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


def run_measured(args: list[str]) -> tuple[float, int, str]:
    """Run a command; return (seconds, peak summed RSS in MiB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} faalde ({proc.returncode}):\n{out}")
    return seconds, peak // 1024, out


def dossier_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", *args]


def baseline_per_doc(docx_files: list[Path], sample: int) -> float:
    """Seconds per document for one fresh `soffice --convert-to pdf` process per document."""
    chosen = docx_files[:: max(1, len(docx_files) // sample)][:sample]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for i, path in enumerate(chosen):
            profile = Path(tmp) / f"profile{i}"
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", PDF_FILTER, "--outdir", tmp, str(path)],
                           check=True, capture_output=True, timeout=120)
        return (time.perf_counter() - start) / len(chosen)


def _spec_data(path: Path) -> Any:
    """A spec file as plain data, read the way dossier reads it (a `!voorbeeld` mark is the value it marks)."""
    sys.path.insert(0, str(REPO))
    from dossier.spec.yamlfile import read_yaml

    return read_yaml(path, str(path)).data


def synthetic(target: Path, n: int) -> None:
    """The example dossier with `n` fictional providers, each with an admission decision."""
    shutil.copytree(EXAMPLE, target)
    d = _spec_data(target / "dossier.yaml")
    segment_ids: list[tuple[str, list[str]]] = []
    for key in d["segmenten"]:
        seg = _spec_data(target / "segmenten" / f"{key}.yaml")
        ids = [ds["id"] for ds in seg["deelsegmenten"]
               if ds["inkoopvorm"]["wordt"] == "toelatingsprocedure-met-voorwaarden"]
        if ids:
            segment_ids.append((key, ids))
    kit = _spec_data(target / "kit.yaml")
    kit_all = [e["id"] for e in kit["eisen"] if e.get("alle_aanbieders")]
    aanbieders = dict(_spec_data(target / "aanbieders.yaml")["aanbieders"])  # the segments name some (lump sums)
    besluiten = []
    for i in range(n):
        key = f"aanbieder-{i:04d}"
        aanbieders[key] = {
            "naam": f"Fictieve Jeugdhulp {i:04d} B.V.", "kvk": f"{90000000 + i:08d}",
            "adres": {"straat": f"Voorbeeldstraat {i % 200 + 1}", "postcode": "7500 AA", "plaats": "Enschede"},
            "contactpersoon": "mevrouw J. Voorbeeld", "email": f"info{i}@voorbeeld.example",
        }
        _, ids = segment_ids[i % len(segment_ids)]
        uitkomsten = []
        for j, ident in enumerate(ids[: 1 + i % 3]):
            if (i + j) % 7 == 0:
                uitkomsten.append({"deelsegment": ident, "uitkomst": "afgewezen", "niet_voldaan": kit_all[:1],
                                   "gronden": "De aanbieder heeft het Bibob-vragenformulier niet volledig ingevuld."})
            else:
                uitkomsten.append({"deelsegment": ident, "uitkomst": "toegelaten"})
        besluiten.append({"aanbieder": key, "kenmerk": f"SYN-{i:04d}", "verzonden": "2024-09-16",
                          "uitkomsten": uitkomsten})
    (target / "aanbieders.yaml").write_text(yaml.safe_dump({"aanbieders": aanbieders}, allow_unicode=True))
    old = _spec_data(target / "besluiten.yaml")
    old.update({"gunningen": [], "besluiten": besluiten})
    (target / "besluiten.yaml").write_text(yaml.safe_dump(old, allow_unicode=True, sort_keys=False))


def floor_seconds(docx_files: list[Path], jobs: int) -> float:
    """Seconds the floor (benchmarks/floor.py: `jobs` warm LibreOffice processes over UNO, nothing else)
    takes for these files, measured now, on this machine, beside the build it is compared with."""
    proc = subprocess.run(["/usr/bin/python3", str(REPO / "benchmarks" / "floor.py"), "--jobs", str(jobs)],
                          input="\n".join(str(p) for p in docx_files), capture_output=True, text=True,
                          check=True, timeout=7200)
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", default="1000",
                        help="comma-separated sizes of the synthetic dossier, e.g. 100 or 1000,3000,10000 (0: none)")
    parser.add_argument("--baseline-sample", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=None, help="--jobs of the build (default: the build's default)")
    parser.add_argument("--floor-jobs", type=int, default=2)
    parser.add_argument("--no-example", action="store_true", help="skip the scenarios of the example dossier")
    parser.add_argument("--json", action="store_true", help="one JSON object per scenario, nothing else")
    args = parser.parse_args()
    sizes = [int(n) for n in args.decisions.split(",") if n.strip() and int(n) > 0]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    if not args.json:
        print(f"{'scenario':40} {'docs':>6} {'sec':>8} {'docs/s':>7} {'×baseline':>9} {'×floor':>7} {'peak MiB':>8}",
              flush=True)

    def show(name: str, docs: int, seconds: float, peak: int, base: float | None, floor: float | None) -> None:
        row = {"scenario": name, "docs": docs, "seconds": round(seconds, 3),
               "docs_per_s": round(docs / seconds, 2),
               "baseline_ratio": round(docs * base / seconds, 2) if base else None,
               "floor_ratio": round(seconds / floor, 3) if floor else None,
               "floor_seconds": round(floor, 3) if floor else None, "peak_mib": peak,
               "load": round(os.getloadavg()[0], 2)}
        if args.json:
            print(json.dumps(row), flush=True)
            return
        print(f"{name:40} {docs:6d} {seconds:8.2f} {docs / seconds:7.1f} "
              f"{row['baseline_ratio'] or '':>9} {row['floor_ratio'] or '':>7} {peak:8d}", flush=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out"
        if not args.no_example:
            spec = tmp / "specs" / "twente-2025"
            shutil.copytree(EXAMPLE, spec)
            secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out), *jobs))
            docx_files = sorted((out / "twente-2025").glob("*/*.docx"))
            base = baseline_per_doc(docx_files, args.baseline_sample)
            show("example, cold", len(docx_files), secs, mem, base, floor_seconds(docx_files, args.floor_jobs))
            secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out)))
            show("example, no-op", len(docx_files), secs, mem, None, None)
            wonen = spec / "segmenten" / "wonen.yaml"
            text = wonen.read_text(encoding="utf-8")  # a tariff 10x higher: '1' before its digits (after any mark)
            text = re.sub(r"bedrag: (!voorbeeld )?", lambda m: m.group(0) + "1", text, count=1)
            wonen.write_text(text, encoding="utf-8")
            secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out)))
            rebuilt = [line for line in text.splitlines() if line.startswith(("bouw ", "build "))]
            show(f"example, one segment changed ({len(rebuilt)} rebuilt)", len(rebuilt), secs, mem, None, None)
            besluiten = spec / "besluiten.yaml"
            text = besluiten.read_text(encoding="utf-8")
            changed = re.sub(r"(gronden: \|\n\s+)", r"\1Gewijzigd. ", text, count=1)  # one letter's reasons
            assert changed != text, "no 'gronden: |' in besluiten.yaml to change"
            besluiten.write_text(changed, encoding="utf-8")
            secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out)))
            rebuilt = [line for line in text.splitlines() if line.startswith(("bouw ", "build "))]
            show(f"example, one decision changed ({len(rebuilt)} rebuilt)", len(rebuilt), secs, mem, None, None)

        for n in sizes:
            synth = tmp / "specs" / f"synthetisch-{n}"
            synthetic(synth, n)
            secs, mem, text = run_measured(dossier_cmd("build", str(synth), "--out", str(out), *jobs))
            docx_files = sorted((out / synth.name).glob("*/*.docx"))
            letters = sorted((out / synth.name / "besluit").glob("*.docx"))
            base = baseline_per_doc(letters, args.baseline_sample)
            show(f"{n} decisions, cold", len(docx_files), secs, mem, base, floor_seconds(docx_files, args.floor_jobs))
            shutil.rmtree(synth)
            shutil.rmtree(out / synth.name)


if __name__ == "__main__":
    main()
