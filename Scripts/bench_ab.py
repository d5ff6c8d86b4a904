#!/usr/bin/env python3
"""Compares `seplaw bench` outputs of two settings, A and B, taken alternately in one run.

    python3 Scripts/bench_ab.py --a LABEL --b LABEL A1 B1 [A2 B2 ...]

Each argument after the labels is a file holding one `seplaw bench` output, A and B alternating. Prints the sgemm
ceiling and, per job row, the median train and measure seconds of each setting and the ratio A / B (above 1: B
is faster)."""
import argparse
import re
import statistics
import sys


def figures(text):
    ceiling = float(re.search(r"sgemm 1024³: ([0-9.]+) GFLOP/s", text).group(1))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        fields = line.split()
        rows.append((" ".join(fields[:-7]), float(fields[-6]), float(fields[-5])))
    return ceiling, rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--a", required=True)
    parser.add_argument("--b", required=True)
    parser.add_argument("outputs", nargs="+")
    options = parser.parse_args()
    if len(options.outputs) % 2:
        sys.exit("bench_ab.py: outputs come in A/B pairs")
    runs = [figures(open(path, encoding="utf-8").read()) for path in options.outputs]
    a_runs, b_runs = runs[0::2], runs[1::2]
    ceiling_a = statistics.median(run[0] for run in a_runs)
    ceiling_b = statistics.median(run[0] for run in b_runs)
    print(f"{len(a_runs)} round(s), A = {options.a}, B = {options.b}")
    print(f"sgemm ceiling (median): A {ceiling_a:.1f} GFLOP/s, B {ceiling_b:.1f} GFLOP/s: ×{ceiling_b / ceiling_a:.2f}")
    for index, (label, _, _) in enumerate(a_runs[0][1]):
        train_a = statistics.median(run[1][index][1] for run in a_runs)
        train_b = statistics.median(run[1][index][1] for run in b_runs)
        measure_a = statistics.median(run[1][index][2] for run in a_runs)
        measure_b = statistics.median(run[1][index][2] for run in b_runs)
        print(f"{label}: train {train_a:.2f} → {train_b:.2f} s (×{train_a / train_b:.2f}), "
              f"measure {measure_a:.3f} → {measure_b:.3f} s (×{measure_a / max(measure_b, 1e-9):.2f})")


if __name__ == "__main__":
    main()
