"""Benchmark of `dossier build` against one `soffice --convert-to pdf` process per document.

    python benchmarks/run.py [--decisions 1000] [--baseline-sample 12]

Measures (a) the example dossier cold, (b) a no-op rebuild, (c) a rebuild after one segment file
changes, (d) a synthetic dossier with N award decisions (fictional providers). The baseline — a fresh
soffice process per document, as most tools do it — is measured in the same run on a sample of the
same documents and extrapolated per document. Peak memory is the largest summed RSS of the build
process and all its children (LibreOffice included), sampled every 50 ms.
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
    aanbieders = {}
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


def components(spec: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(render seconds, warm conversion seconds) for every document of `spec`, measured apart."""
    sys.path.insert(0, str(REPO))
    import dossier
    from dossier.kinds import all_documents
    from dossier.pdf import Converter

    d = dossier.load(spec)
    docs = all_documents(d)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    from concurrent.futures import ProcessPoolExecutor

    from dossier.builder.run import render_job

    from dossier.i18n import language

    jobs_args = [(d.house_style.template(k.template), doc, "x", d.spec.datum, out / f"{doc.kind}-{doc.key}.docx", language())
                 for k, doc in docs]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(render_job, jobs_args, chunksize=4))
    render = time.perf_counter() - start
    pairs = [(a[4], a[4].with_suffix(".pdf")) for a in jobs_args]
    with Converter(jobs=jobs) as conv:
        conv.convert(pairs[:jobs])  # start the workers: warm conversion excludes start-up
        start = time.perf_counter()
        conv.convert(pairs)
        convert = time.perf_counter() - start
    return render, convert


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--baseline-sample", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    rows: list = []
    header = f"{'scenario':44} {'docs':>5} {'sec':>7} {'docs/s':>7} {'baseline s':>10} {'× sneller':>9} {'piek MiB':>8}"
    print(header, flush=True)

    def show(row) -> None:  # type: ignore[no-untyped-def]
        rows.append(row)
        name, docs, secs, mem, base = row
        print(f"{name:44} {docs:5d} {secs:7.2f} {docs / secs:7.1f} {docs * base:10.1f} {docs * base / secs:9.1f} "
              f"{mem:8d}", flush=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        spec = tmp / "specs" / "twente-2025"
        shutil.copytree(EXAMPLE, spec)
        out = tmp / "out"
        secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out), "--quiet",
                                                   "--jobs", str(args.jobs)))
        n_docs = len(list((out / "twente-2025").glob("*/*.docx")))
        docx_files = sorted((out / "twente-2025").glob("*/*.docx"))
        base = baseline_per_doc(docx_files, args.baseline_sample)
        show(("(a) voorbeelddossier, koud", n_docs, secs, mem, base))
        secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out), "--quiet"))
        show(("(b) niets veranderd", n_docs, secs, mem, base))
        wonen = spec / "segmenten" / "wonen.yaml"
        text = wonen.read_text(encoding="utf-8")  # a tariff raised: '1' put before its digits (after any mark) (after any mark)
        text = re.sub(r"bedrag: (!voorbeeld )?", lambda m: m.group(0) + "1", text, count=1)
        wonen.write_text(text, encoding="utf-8")
        secs, mem, text = run_measured(dossier_cmd("build", str(spec), "--out", str(out), "--quiet"))
        rebuilt = [line for line in text.splitlines() if line.startswith("bouw ")]
        show((f"(c) één segment gewijzigd ({len(rebuilt)} herbouwd)", n_docs, secs, mem, base))

        synth = tmp / "specs" / "synthetisch"
        synthetic(synth, args.decisions)
        secs, mem, text = run_measured(dossier_cmd("build", str(synth), "--out", str(out), "--quiet",
                                                   "--jobs", str(args.jobs)))
        n_synth = len(list((out / "synthetisch").glob("*/*.docx")))
        base_synth = baseline_per_doc(sorted((out / "synthetisch" / "besluit").glob("*.docx")), args.baseline_sample)
        show((f"(d) {args.decisions} besluiten, koud", n_synth, secs, mem, base_synth))
        render, convert = components(synth, tmp / "parts", args.jobs)

    build_d = rows[-1][2]
    print(f"\nbaseline: één soffice-proces per document, {rows[0][4]:.2f} s/doc (voorbeeld) en "
          f"{rows[-1][4]:.2f} s/doc (besluiten), gemeten op {args.baseline_sample} documenten")
    print(f"(d) onderdelen apart: renderen {render:.1f} s + warme conversie {convert:.1f} s = {render + convert:.1f} s; "
          f"build {build_d:.1f} s = {build_d / (render + convert):.2f}× de som")
    print(json.dumps({"rows": rows, "render": render, "convert": convert}, default=str))


if __name__ == "__main__":
    main()
