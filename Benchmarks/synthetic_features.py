#!/usr/bin/env python3
"""Writes a synthetic feature directory for `seplaw measure` benchmarks, without holding it in memory.

    python3 Benchmarks/synthetic_features.py DIR --points 50000 --dimension 65536 --classes 10 --dtype float16

DIR/labels.npy (classes assigned round-robin, shuffled with a fixed seed) and DIR/00_wide.npy: each point is
its class mean (N(0, 1) per feature) plus N(0, spread²) noise, written in chunks of rows through a memory map.
To keep generation cheap on a busy machine, every class draws `--pool` such points once and each point copies
one of its class's rows at random (the measurement's cost does not depend on the values).
A small second layer (DIR/01_narrow.npy, 64 features) makes the directory fittable.
"""
import argparse
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--points", type=int, default=50000)
    parser.add_argument("--dimension", type=int, default=65536)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--spread", type=float, default=4.0)
    parser.add_argument("--dtype", default="float16", choices=["float16", "float32", "float64"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pool", type=int, default=256)
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    labels = np.arange(args.points) % args.classes
    rng.shuffle(labels)
    np.save(os.path.join(args.directory, "labels.npy"), labels.astype(np.int64))
    for name, p in [("00_wide", args.dimension), ("01_narrow", 64)]:
        means = rng.standard_normal((args.classes, p), dtype=np.float32)
        pool = []
        for k in range(args.classes):
            rows = rng.standard_normal((args.pool, p), dtype=np.float32)
            rows *= args.spread
            rows += means[k]
            pool.append(rows.astype(args.dtype))
        pool = np.stack(pool)
        array = np.lib.format.open_memmap(os.path.join(args.directory, name + ".npy"), mode="w+",
                                          dtype=np.dtype(args.dtype), shape=(args.points, p))
        step = max(1, (1 << 26) // p)
        for start in range(0, args.points, step):
            rows = labels[start:start + step]
            array[start:start + len(rows)] = pool[rows, rng.integers(0, args.pool, size=len(rows))]
        array.flush()
        del array


if __name__ == "__main__":
    main()
