#!/usr/bin/env python3
# jixiao: budget performance management (预算绩效管理) for C++ and Python.
# SPDX-License-Identifier: MIT
"""Batch scoring, jixiao against numpy, on the same data in the same run.

Generates N entities x 60 indicator columns (numpy, seeded), writes them as raw arrays, runs
`jixiao_bench_batch` on them (Google Benchmark, C++, single thread) and scores the same arrays with
a numpy implementation of the same rules (below, single thread: BLAS threads are pinned to 1).
Both results are compared cell for cell, then the times are printed with their ratios:

    /usr/bin/python3 benchmarks/batch_vs_numpy.py --bench build/benchmarks/jixiao_bench_batch

The numpy implementation is what an analyst would write with whole-array operations: every rule
as np.where over the matrix, the half-up rounding of round_half_up (with the same 15-digit decimal
reading where a value lies on a tie), level sums by matrix products, grades and ranks.
docs/performance.md records the figures.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # single thread, as jixiao
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from decimal import ROUND_HALF_UP, Decimal  # noqa: E402

import numpy as np  # noqa: E402

# Column kinds and directions as aggregate.hpp numbers them.
QUANTITY, RANGE, FRACTION = 0, 1, 2
LOWER, EQUAL, HIGHER = -1, 0, 1


def generate(n, seed=20261128):
    """60 columns in 8 level-2 groups under 3 level-1 groups: 32 higher-is-better, 8 lower, 4 "=",
    4 ranges, 12 qualitative fractions; 2% of actuals missing; budget figures with 3 decimals."""
    rng = np.random.default_rng(seed)
    m = 60
    j = np.arange(m)
    kinds = np.where(j < 44, QUANTITY, np.where(j < 48, RANGE, FRACTION)).astype(np.int8)
    directions = np.where(j < 32, HIGHER, np.where(j < 40, LOWER, np.where(j < 44, EQUAL, HIGHER))).astype(np.int8)
    level2 = (j * 8 // m).astype(np.int32)
    level1 = np.array([0, 0, 0, 0, 1, 1, 1, 2], dtype=np.int32)
    targets = np.round(50 + 950 * rng.random((n, m)))
    targets[:, 40:44][rng.random((n, 4)) < 0.1] = 0  # "=0" targets
    actuals = np.round(targets * (0.7 + 0.6 * rng.random((n, m))) * 10) / 10
    frac = kinds == FRACTION
    actuals[:, frac] = np.where(rng.random((n, int(frac.sum()))) < 0.8, 1.0, 0.7)
    targets[:, frac] = np.nan
    actuals[rng.random((n, m)) < 0.02] = np.nan
    uppers = targets * 1.2
    weights = np.full((1, m), 90.0 / m)
    full_year = np.full(n, 1000.0)
    executed = np.round(800 + 300 * rng.random(n), 1)
    return dict(kinds=kinds, directions=directions, level2=level2, level1=level1, targets=targets,
                actuals=actuals, uppers=uppers, weights=weights, full_year=full_year, executed=executed)


def round_half_up_decimal(x, decimals):
    """jixiao's round_half_up: the double read to 15 significant digits, then half-up."""
    if not np.isfinite(x):
        return x
    d = Decimal(format(abs(x), ".14e")).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return -float(d) if x < 0 else float(d)


def round_half_up_array(x, decimals):
    scale = 10.0 ** decimals
    y = np.abs(x) * scale
    rn = (y + 2.0 ** 52) - 2.0 ** 52
    out = np.copysign(rn / scale, x)
    tie = (0.5 - np.abs(y - rn) <= y * 1e-13 + 1e-12) | (y >= 1e12)
    for i in np.flatnonzero(tie):  # rare: values on a tie of the last decimal
        out.flat[i] = round_half_up_decimal(x.flat[i], decimals)
    return out


def score_numpy(d, reverse="linear", equal="at_least", decimals=2, budget_weight=10.0):
    t, a, u = d["targets"], d["actuals"], d["uppers"]
    kinds, dirs = d["kinds"], d["directions"]
    w = np.where(d["weights"][0] >= 0, d["weights"][0], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = a / t
        higher = np.where(a >= t, 1.0, q)

        def over(limit):
            if reverse == "linear":
                return np.where(limit == 0, 0.0, np.maximum(0.0, 1 - (a - limit) / limit))
            if reverse == "ratio":
                return limit / a
            return np.zeros_like(a)

        lower = np.where(a <= t, 1.0, over(t))
        exact = np.where(t == 0, np.where(a <= 0, 1.0, 0.0),
                         np.where(np.abs(a - t) <= 1e-9 * np.maximum(1.0, np.abs(t)), 1.0, 0.0))
        eq = exact if equal == "exact" else np.where(t == 0, exact, higher)
        rng_ = np.where(a < t, q, np.where(a > u, over(u), 1.0))
        rng_ = np.where(np.isnan(u) | (u < t), np.nan, rng_)
        quantity = np.where(dirs == HIGHER, higher, np.where(dirs == LOWER, lower, eq))
        f = np.where(kinds == RANGE, rng_, quantity)
        f = np.where(a < 0, 0.0, f)
        f = np.where(np.isnan(t) | np.isnan(a) | (t < 0), np.nan, f)
        f = np.where(kinds == FRACTION, a, f)
        leaf = round_half_up_array(w * f, decimals)
    scored = ~np.isnan(leaf)
    summed = np.where(scored, leaf, 0.0)
    g2 = len(d["level1"])
    s2 = np.zeros((len(w), g2))
    s2[np.arange(len(w)), d["level2"]] = 1.0
    s1 = np.zeros((g2, int(d["level1"].max()) + 1))
    s1[np.arange(g2), d["level1"]] = 1.0
    level2_raw = summed @ s2
    level1_raw = level2_raw @ s1
    level1 = round_half_up_array(level1_raw, decimals)
    with np.errstate(divide="ignore", invalid="ignore"):
        fy, ex = d["full_year"], d["executed"]
        ok = (fy > 0) & ~np.isnan(ex) & ~np.isinf(fy) & ~np.isinf(ex)
        budget = np.where(ok, round_half_up_array(budget_weight * np.clip(ex / fy, 0.0, 1.0), decimals), np.nan)
    indicators = round_half_up_array(level1_raw.sum(axis=1), decimals)
    total = round_half_up_array(indicators + np.where(np.isnan(budget), 0.0, budget), decimals)
    grade = np.select([total >= 90, total >= 80, total >= 60], [0, 1, 2], 3).astype(np.int8)
    uniq, inverse, counts = np.unique(-total, return_inverse=True, return_counts=True)
    rank = (np.cumsum(counts) - counts + 1)[inverse].astype(np.int32)
    return dict(leaf=leaf, level1=level1, total=total, grade=grade, rank=rank,
                unscored=(~scored).sum(axis=1), budget=budget, level2=round_half_up_array(level2_raw, decimals))


def write(d, directory):
    n, m = d["targets"].shape
    with open(os.path.join(directory, "meta.txt"), "w") as f:
        f.write(f"{n} {m} {len(d['level1'])} {d['weights'].shape[0]}\n")
    files = {"kinds.i8": d["kinds"], "directions.i8": d["directions"], "level2.i32": d["level2"],
             "level1.i32": d["level1"], "targets.f64": d["targets"], "actuals.f64": d["actuals"],
             "uppers.f64": d["uppers"], "weights.f64": d["weights"], "full_year.f64": d["full_year"],
             "executed.f64": d["executed"]}
    for name, array in files.items():
        np.ascontiguousarray(array).tofile(os.path.join(directory, name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default="build/benchmarks/jixiao_bench_batch")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="numpy runs (the best is kept)")
    args = parser.parse_args()

    d = generate(args.entities)
    n, m = d["targets"].shape
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as out:
        write(d, data)
        env = dict(os.environ, JIXIAO_BATCH_DATA=data, JIXIAO_BATCH_OUT=out)
        run = subprocess.run([args.bench, "--benchmark_format=json", "--benchmark_min_time=1",
                              "--benchmark_filter=batch/(score/1|score_reuse/1|stream)$"],
                             env=env, check=True, capture_output=True, text=True)
        bench = {b["name"]: b for b in json.loads(run.stdout)["benchmarks"]}
        jx_leaf = np.fromfile(os.path.join(out, "leaf.f64")).reshape(n, m)
        jx_total = np.fromfile(os.path.join(out, "total.f64"))
        jx_rank = np.fromfile(os.path.join(out, "rank.i32"), dtype=np.int32)

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = score_numpy(d)
        times.append(time.perf_counter() - start)
    numpy_ms = min(times) * 1e3

    same_leaf = np.array_equal(result["leaf"], jx_leaf, equal_nan=True)
    same_total = np.array_equal(result["total"], jx_total)
    same_rank = np.array_equal(result["rank"], jx_rank)

    def ms(name):
        b = bench[name]
        assert b["time_unit"] == "ms", b
        return b["real_time"]

    fresh, reuse, stream = ms("batch/score/1"), ms("batch/score_reuse/1"), ms("batch/stream")
    print(f"{n:,} entities x {m} columns, one policy, single thread")
    print(f"  jixiao score_batch (fresh results)   {fresh:9.1f} ms")
    print(f"  jixiao score_batch (results reused)  {reuse:9.1f} ms")
    print(f"  streaming targets + actuals          {stream:9.1f} ms")
    print(f"  numpy, same rules (best of {args.repeat})        {numpy_ms:9.1f} ms")
    print(f"  numpy / jixiao: {numpy_ms / fresh:.1f}x (fresh), {numpy_ms / reuse:.1f}x (reused)")
    print(f"  jixiao / stream: {fresh / stream:.1f}x (fresh), {reuse / stream:.1f}x (reused)")
    print(f"  same leaves: {same_leaf}, same totals: {same_total}, same ranks: {same_rank}")
    if not (same_leaf and same_total and same_rank):
        raise SystemExit("numpy and jixiao disagree: the comparison is void")


if __name__ == "__main__":
    main()
