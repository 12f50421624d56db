#!/usr/bin/env python3
"""Python-side benchmarks, each against a pure pandas/numpy equivalent in the same run.

    PYTHONPATH=build/python python3 benchmarks/python_bench.py [--cells 1000000] [--repeat 5]

parse_values: jixiao.parse_values (one C++ call for the column) against a regex baseline built
from pandas' vectorised string methods (Series.str.extract + maps).  The baseline covers only
the common shape `[comparator]number[万|亿][unit][以上|以下]`: it has no Chinese numerals
(十余万, 壹佰伍拾), no ranges, dates, qualitative categories, annotations, thousands separators,
word comparators other than 以上/以下/不低于/不超过, and no diagnostics; on the sample's cells it
reads every plain number the same way as jixiao (checked below) and leaves the rest NaN.
Prints medians of --repeat runs (wall time, time.perf_counter) and the speed-up.

score_batch: jixiao.score_batch on 100,000 × 60 numpy arrays (passed without copies) against the
numpy implementation of the same rules in benchmarks/batch_vs_numpy.py, on the same data; the
results must agree cell for cell.  BLAS is pinned to one thread, as jixiao is single-threaded.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import platform
import sys
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

import jixiao

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import batch_vs_numpy  # noqa: E402  (the numpy implementation and the data generator)

OPS = {"≥": ">=", ">=": ">=", "≧": ">=", "不低于": ">=", "不少于": ">=", "≤": "<=", "<=": "<=", "≦": "<=",
       "不超过": "<=", "不高于": "<=", ">": ">", "<": "<", "=": "=", "＝": "="}
PATTERN = (r"^\s*(?P<op>≥|>=|≧|≤|<=|≦|不低于|不少于|不超过|不高于|>|<|=|＝)?\s*(?P<number>\d+(?:\.\d+)?)"
           r"(?P<mult>万|亿)?(?P<unit>[^\d\s以]*?)(?P<suffix>以上|以下|以内)?\s*$")


def regex_parse(cells: pd.Series) -> pd.DataFrame:
    """The pandas baseline: vectorised regex extraction, maps for comparator and multiplier."""
    m = cells.str.extract(PATTERN)
    number = pd.to_numeric(m["number"], errors="coerce")
    mult = m["mult"].map({"万": 1e4, "亿": 1e8}).fillna(1.0)
    op = m["op"].map(OPS)
    op = op.where(op.notna(), m["suffix"].map({"以上": ">=", "以下": "<=", "以内": "<="}))
    return pd.DataFrame({"raw": cells, "op": op, "number": number, "multiplier": mult,
                         "value": number * mult, "unit": m["unit"].fillna("")})


def sample_cells(n: int) -> pd.Series:
    """The 61 target cells of the sample table (the 指标值 column), cycled to n cells."""
    targets = jixiao.read_table(ROOT / "examples" / "data" / "civil-affairs-2024-targets.tsv").to_pandas()["指标值"]
    reps = -(-n // len(targets))
    return pd.Series(np.tile(targets.to_numpy(dtype=object), reps)[:n])


def timed(fn, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--entities", type=int, default=100_000)
    args = ap.parse_args()
    cells = sample_cells(args.cells)
    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()}, pandas {pd.__version__}, "
          f"numpy {np.__version__}; {len(cells):,} cells, median of {args.repeat}")

    ours = timed(lambda: jixiao.parse_values(cells), args.repeat)
    base = timed(lambda: regex_parse(cells), args.repeat)
    a, b = ours[3], base[3]
    # Agreement on the cells the baseline reads: same comparator, value and unit.
    read = b["value"].notna()
    same = ((a["value"][read] == b["value"][read]) & (a["unit"][read] == b["unit"][read])
            & (a["op"].astype(object).fillna("")[read] == b["op"].fillna("")[read]))
    for name, (median, lo, hi, _) in (("jixiao.parse_values", ours), ("pandas regex baseline", base)):
        print(f"  {name:24s} {median:7.3f} s  ({lo:.3f}–{hi:.3f})  {median / len(cells) * 1e9:7.0f} ns/cell")
    print(f"  speed-up {base[0] / ours[0]:.2f}×; the baseline reads {read.mean():.0%} of the cells "
          f"(jixiao: {(a['kind'] != 'invalid').mean():.0%} without error), agreeing with jixiao on {same.mean():.1%} of them")

    d = batch_vs_numpy.generate(args.entities)
    n, m = d["targets"].shape
    kw = dict(directions=d["directions"], kinds=d["kinds"], level2=d["level2"], level1=d["level1"],
              uppers=d["uppers"], budget_full_year=d["full_year"], budget_executed=d["executed"])
    ours = timed(lambda: jixiao.score_batch(d["targets"], d["actuals"], d["weights"], **kw), args.repeat)
    base = timed(lambda: batch_vs_numpy.score_numpy(d), args.repeat)
    same = (np.array_equal(ours[3].leaf, base[3]["leaf"], equal_nan=True)
            and np.array_equal(ours[3].total, base[3]["total"]) and np.array_equal(ours[3].rank, base[3]["rank"]))
    print(f"score_batch, {n:,} entities × {m} columns, one policy, median of {args.repeat}")
    for name, (median, lo, hi, _) in (("jixiao.score_batch", ours), ("numpy, same rules", base)):
        print(f"  {name:24s} {median * 1e3:7.1f} ms ({lo * 1e3:.1f}–{hi * 1e3:.1f})")
    print(f"  speed-up {base[0] / ours[0]:.1f}×; same leaves, totals and ranks: {same}")
    if not same:
        raise SystemExit("jixiao and numpy disagree")


if __name__ == "__main__":
    main()
