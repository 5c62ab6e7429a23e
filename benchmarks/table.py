"""The README's speed table from the benchmark's JSON lines.

    python benchmarks/run.py --json --decisions 1000,3000,10000 | tee bench.jsonl
    python benchmarks/table.py < bench.jsonl
"""

from __future__ import annotations

import json
import sys


def dutch(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,d}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def main() -> None:
    rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
    print("| situatie | documenten | seconden | docs/s | × baseline | × vloer | piekgeheugen (MiB) | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['scenario']} | {dutch(r['docs'])} | {dutch(float(r['seconds']), 2)} | "
              f"{dutch(float(r['docs_per_s']))} | {dutch(r['baseline_ratio'])} | "
              f"{dutch(r['floor_ratio'], 2) if r['floor_ratio'] else '–'} | {dutch(r['peak_mib'])} | "
              f"{dutch(float(r['load']))} |")


if __name__ == "__main__":
    main()
