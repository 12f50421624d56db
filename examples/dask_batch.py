#!/usr/bin/env python3
"""Score a province's worth of self-evaluation tables on a Dask cluster and write one DataFrame.

Generates N department tables (绩效自评表) from tests/data/tables/self-evaluation.tsv with varied
actuals and budget execution, reads them in parallel, scores them under a policy, and writes
every indicator row of every department to one CSV (plus a one-row-per-department summary).
Tables and scorecards travel between workers as pickles.

    python3 examples/dask_batch.py --departments 1000 --out /tmp/jixiao-dask
    python3 examples/dask_batch.py --scheduler tcp://10.0.0.5:8786 --tables /shared/tables --out /shared/out

With --scheduler the same code runs on an existing (multi-machine) cluster; see docs/scaling.md.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import List

import pandas as pd

import jixiao

TEMPLATE = Path(__file__).resolve().parents[1] / "tests" / "data" / "tables" / "self-evaluation.tsv"


def generate(folder: Path, departments: int, seed: int = 2024) -> List[Path]:
    """Writes `departments` tables: the template with its own name, actuals and budget execution."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    paths = []
    for d in range(departments):
        out = []
        for line in lines:
            cells = line.split("\t")
            if cells[0] == "项目名称":
                cells[1] = f"城乡居民最低生活保障补助资金（第{d + 1:04d}县）"
            elif len(cells) > 5 and cells[3].startswith("指标") and cells[5].endswith("人次"):
                target = float(cells[4].lstrip("≥").rstrip("人次"))
                cells[5] = f"{round(target * rng.uniform(0.3, 1.1))}人次"  # 实际完成值
            elif len(cells) > 4 and cells[1] == "年度资金总额":
                cells[4] = f"{float(cells[3]) * rng.uniform(0.3, 1.0):.2f}"  # 全年执行数
            out.append("\t".join(cells))
        path = folder / f"department-{d + 1:04d}.tsv"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def read_chunk(paths: List[str]) -> List[jixiao.Table]:
    return [jixiao.read_table(p) for p in paths]


def score_chunk(tables: List[jixiao.Table], policy: str) -> List[jixiao.Scorecard]:
    return [jixiao.score(t, policy=policy) for t in tables]


def frame_chunk(cards: List[jixiao.Scorecard]) -> pd.DataFrame:
    frames = []
    for card in cards:
        f = card.to_pandas()
        f.insert(0, "项目名称", card.table.field("项目名称"))
        f.insert(1, "总分", card.total)
        f.insert(2, "评级", card.grade.chinese() if card.grade is not None else "")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--departments", type=int, default=1000, help="tables to generate (default 1000)")
    ap.add_argument("--tables", type=Path, help="score the *.tsv/*.csv/*.xlsx tables in this folder instead")
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--policy", default="mof2020")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler; default: a LocalCluster")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    ap.add_argument("--chunk", type=int, default=50, help="tables per task (default 50)")
    args = ap.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    args.out.mkdir(parents=True, exist_ok=True)
    if args.tables:
        paths = sorted(p for p in args.tables.iterdir() if p.suffix.lower() in (".tsv", ".csv", ".xlsx", ".json"))
    else:
        paths = generate(args.out / "tables", args.departments)
    chunks = [[str(p) for p in paths[i:i + args.chunk]] for i in range(0, len(paths), args.chunk)]

    started = time.perf_counter()
    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        # Worker processes, one thread each: jixiao releases the GIL while it reads and scores,
        # but pandas work does not, and separate processes also prove that objects pickle.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        tables = client.map(read_chunk, chunks)                      # Tables, pickled between workers
        cards = client.map(score_chunk, tables, policy=args.policy)  # Scorecards
        frames = client.map(frame_chunk, cards)
        combined = pd.concat(client.gather(frames), ignore_index=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    elapsed = time.perf_counter() - started

    combined.to_csv(args.out / "scores.csv", index=False, encoding="utf-8-sig")  # -sig: Excel reads UTF-8
    summary = combined.drop_duplicates("项目名称")[["项目名称", "总分", "评级"]]
    summary.to_csv(args.out / "summary.csv", index=False, encoding="utf-8-sig")
    departments = combined["项目名称"].nunique()
    print(f"{departments} departments, {len(combined)} rows scored in {elapsed:.1f} s "
          f"({len(chunks)} tasks of up to {args.chunk} tables) → {args.out / 'scores.csv'}")
    print("grades:", summary["评级"].value_counts().to_dict(), f"mean total {summary['总分'].mean():.2f}")
    if not args.tables and (departments != len(paths) or len(combined) != len(paths) * 9):
        print(f"error: expected {len(paths)} departments of 9 rows each", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
