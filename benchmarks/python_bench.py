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

The score_batch benchmark (Eigen, numpy without copies) is added with aggregate.hpp.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

import jixiao

ROOT = Path(__file__).resolve().parents[1]

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


if __name__ == "__main__":
    main()
