#!/usr/bin/python3
"""Writes the variants of the sample table that tests/cpp/read_formats_test.cpp reads.

Every variant holds the same table as examples/data/civil-affairs-2024-targets.tsv, so jixiao
must read each of them to the same indicator tree:

  civil-affairs.csv                the sample as RFC 4180 CSV (cells holding , or " are quoted)
  civil-affairs.gbk.csv            that CSV encoded as GBK (as Chinese Excel saves CSV)
  civil-affairs.crlf.tsv           the sample with CRLF line ends
  civil-affairs.bom.tsv            the sample with a UTF-8 byte-order mark
  civil-affairs.extra-columns.tsv  an empty column added at the start, in the middle and at
                                   the end of every line
  civil-affairs.clean.tsv          re-flowed: the header block, one heading row 核心职能 |
                                   一级指标 | 二级指标 | 三级指标 | 指标值, then one row per
                                   indicator with every label written on it
  civil-affairs.json               `jixiao read SAMPLE --format json`: jixiao's own schema

The tree of the clean layout (which function, 一级指标 and 二级指标 each indicator row of the
sample belongs to) is written out below by hand, the same as tests/cpp/read_sample_test.cpp
states it; names, sequence numbers and targets are taken from the sample's lines.  So the clean
variant does not depend on what jixiao reads, except civil-affairs.json, which is jixiao's
output by definition and must be written again when the reader's locations change.

Re-run from the repository root after changing the sample or the reader:

    /usr/bin/python3 tests/data/tables/make_variants.py [--jixiao build/jixiao]

The output is deterministic (same input, same bytes).  Without a built jixiao the JSON variant
is left as it is, with a note on standard error.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SAMPLE = os.path.join(ROOT, "examples", "data", "civil-affairs-2024-targets.tsv")

FUNCTIONS = {1: "社会救助", 2: "社会福利", 3: "社会事务", 4: "其他民政管理事务"}

# (line of the sample, function number, 一级指标, 二级指标) for every indicator, in order.
# fmt: off
TREE = [
    (12, 1, "产出指标", "数量指标"), (13, 1, "产出指标", "数量指标"), (14, 1, "产出指标", "数量指标"),
    (15, 1, "产出指标", "数量指标"), (16, 1, "产出指标", "数量指标"), (17, 1, "产出指标", "数量指标"),
    (18, 1, "产出指标", "数量指标"), (19, 1, "产出指标", "质量指标"), (20, 1, "产出指标", "时效指标"),
    (21, 1, "产出指标", "时效指标"), (22, 1, "效益指标", "社会效益指标"), (23, 1, "效益指标", "社会效益指标"),
    (24, 1, "效益指标", "可持续影响指标"), (25, 1, "满意度指标", "服务对象满意度指标"),
    (26, 1, "满意度指标", "服务对象满意度指标"),
    (27, 2, "产出指标", "数量指标"), (28, 2, "产出指标", "数量指标"), (29, 2, "产出指标", "数量指标"),
    (30, 2, "产出指标", "数量指标"), (31, 2, "产出指标", "数量指标"), (32, 2, "产出指标", "数量指标"),
    (33, 2, "产出指标", "数量指标"), (34, 2, "产出指标", "数量指标"), (35, 2, "产出指标", "质量指标"),
    (36, 2, "产出指标", "质量指标"), (37, 2, "产出指标", "质量指标"), (38, 2, "产出指标", "时效指标"),
    (39, 2, "产出指标", "时效指标"), (40, 2, "效益指标", "社会效益指标"), (41, 2, "效益指标", "社会效益指标"),
    (42, 2, "效益指标", "可持续影响指标"), (43, 2, "满意度指标", "服务对象满意度指标"),
    (44, 2, "满意度指标", "服务对象满意度指标"),
    (45, 3, "产出指标", "数量指标"), (47, 3, "产出指标", "数量指标"), (48, 3, "产出指标", "数量指标"),
    (49, 3, "产出指标", "数量指标"), (50, 3, "产出指标", "质量指标"), (51, 3, "产出指标", "时效指标"),
    (52, 3, "产出指标", "时效指标"), (53, 3, "效益指标", "社会效益指标"), (54, 3, "效益指标", "可持续影响指标"),
    (55, 3, "满意度指标", "服务对象满意度指标"), (56, 3, "满意度指标", "服务对象满意度指标"),
    (57, 4, "产出指标", "数量指标"), (58, 4, "产出指标", "数量指标"), (59, 4, "产出指标", "数量指标"),
    (60, 4, "产出指标", "数量指标"), (61, 4, "产出指标", "数量指标"), (62, 4, "产出指标", "数量指标"),
    (63, 4, "产出指标", "数量指标"), (64, 4, "产出指标", "数量指标"), (65, 4, "产出指标", "数量指标"),
    (66, 4, "产出指标", "数量指标"), (67, 4, "产出指标", "数量指标"), (68, 4, "产出指标", "质量指标"),
    (69, 4, "产出指标", "质量指标"), (70, 4, "效益指标", "社会效益指标"), (71, 4, "效益指标", "社会效益指标"),
    (72, 4, "效益指标", "可持续影响指标"), (73, 4, "满意度指标", "服务对象满意度指标"),
]
# fmt: on


def write(name, data):
    """Writes bytes (or UTF-8 text) exactly, without newline translation."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def csv_field(cell):
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def indicator_cells(line):
    """Sequence, name and target of an indicator line: the cells after its "指标N:" cell."""
    cells = [c.strip() for c in line.split("\t")]
    for i, c in enumerate(cells):
        if c.startswith("指标") and c.rstrip(":：")[2:].isdigit():
            seq = int(c.rstrip(":：")[2:])
            rest = [x for x in cells[i + 1:] if x]
            if not rest or len(rest) > 2:
                raise SystemExit(f"unexpected indicator line: {line!r}")
            return seq, rest[0], rest[1] if len(rest) > 1 else ""
    raise SystemExit(f"no 指标N: cell on line: {line!r}")


def strip_p(goals):
    """`<p>目标1: …</p> <p>目标2: …</p>` → `目标1: … 目标2: …`."""
    return " ".join(goals.replace("</p>", " ").replace("<p>", " ").split(" ")).strip()


def clean_layout(lines):
    def cells(n):
        return [c.strip() for c in lines[n - 1].split("\t") if c.strip()]

    title, year = cells(3), cells(5)
    (name_key, name, dept_key, dept) = cells(7)
    overview_key, overview = cells(8)
    goals_key, goals = cells(9)
    out = [title[0], year[0], f"{name_key}\t{name}", f"{dept_key}\t{dept}",
           f"{overview_key}\t{overview}", f"{goals_key}\t{' '.join(strip_p(goals).split())}",
           "核心职能\t一级指标\t二级指标\t三级指标\t指标值"]
    for line_no, fn, level1, level2 in TREE:
        seq, ind_name, target = indicator_cells(lines[line_no - 1])
        out.append(f"职能{fn}: {FUNCTIONS[fn]}\t{level1}\t{level2}\t指标{seq}: {ind_name}\t{target}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jixiao", default=os.path.join(ROOT, "build", "jixiao"),
                        help="the built jixiao CLI, for civil-affairs.json (default: build/jixiao)")
    args = parser.parse_args()

    with open(SAMPLE, "rb") as f:
        sample = f.read().decode("utf-8")
    if "\r" in sample or sample.startswith("\ufeff"):
        raise SystemExit("the sample is expected with LF line ends and no BOM")
    lines = sample.split("\n")

    csv = "\n".join(",".join(csv_field(c) for c in line.split("\t")) if line else "" for line in lines)
    write("civil-affairs.csv", csv)
    write("civil-affairs.gbk.csv", csv.encode("gbk"))
    write("civil-affairs.crlf.tsv", sample.replace("\n", "\r\n"))
    write("civil-affairs.bom.tsv", "\ufeff" + sample)

    def widen(line):
        cells = line.split("\t")
        middle = len(cells) // 2
        return "\t".join([""] + cells[:middle] + [""] + cells[middle:] + [""])

    write("civil-affairs.extra-columns.tsv", "\n".join(widen(line) for line in lines))
    write("civil-affairs.clean.tsv", clean_layout(lines))

    if os.access(args.jixiao, os.X_OK):
        # The sample has invalid values (JX103), so jixiao exits 1; the table is still written.
        run = subprocess.run([args.jixiao, "read", SAMPLE, "--format", "json"], capture_output=True)
        if run.returncode not in (0, 1) or not run.stdout.startswith(b"{"):
            raise SystemExit(f"{args.jixiao} failed: {run.stderr.decode(errors='replace')}")
        write("civil-affairs.json", run.stdout)
    else:
        print(f"{args.jixiao} not found: civil-affairs.json left as it is", file=sys.stderr)


if __name__ == "__main__":
    main()
