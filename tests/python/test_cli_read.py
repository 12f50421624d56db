"""`jixiao read` as pipelines use it: the sample table as a tidy TSV/CSV or JSON on standard
output, diagnostics on standard error as FILE:LINE:COL, exit status 1 when a value is invalid."""
import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "civil-affairs-2024-targets.tsv"
TABLES = ROOT / "tests" / "data" / "tables"

HEADER = ["function_no", "function", "level1", "level2", "seq", "name",
          "target", "op", "value", "upper", "unit", "kind"]

# (sample line, function_no, function, level1, level2, seq, name, target, op, value, unit, kind)
# for a handful of the 61 rows, by their index in the output.
SOME_ROWS = {
    0: (12, "1", "社会救助", "产出指标", "数量指标", "1", "城市低保", "≥10141人次", ">=", "10141", "人次", "number"),
    9: (21, "1", "社会救助", "产出指标", "时效指标", "2", "困难群众基本生活救助按时发放率", "100%", "", "100", "%", "number"),
    10: (22, "1", "社会救助", "效益指标", "社会效益指标", "1", "困难群众基本生活水平提升情况", "稳步提升", "", "", "", "qualitative"),
    14: (26, "1", "社会救助", "满意度指标", "服务对象满意度指标", "2", "受益群体满意度", "100%", "", "100", "%", "number"),
    33: (45, "3", "社会事务", "产出指标", "数量指标", "1", "为全县符合条件的遗属发放补助金", "50人", "", "50", "人", "number"),
    34: (47, "3", "社会事务", "产出指标", "数量指标", "2", "给与符合条件丧属补助资金发放率", "100%", "", "100", "%", "number"),
    37: (50, "3", "社会事务", "产出指标", "质量指标", "1", "补助资金发放准确率", "", "", "", "", "empty"),
    45: (58, "4", "其他民政管理事务", "产出指标", "数量指标", "2", "单位自聘人员工资", "3人/年/6.3", "", "", "", "invalid"),
    55: (68, "4", "其他民政管理事务", "产出指标", "质量指标", "1",
         "每月为在册社区工作人员、社区离岗人员、社区小组长足额发放工资待遇", "95%", "", "95", "%", "number"),
    57: (70, "4", "其他民政管理事务", "效益指标", "社会效益指标", "1",
         "保障社区正常运转，提升社区居民的生活水平和生活质量，加强社区建设", "100%", "", "100", "%", "number"),
    60: (73, "4", "其他民政管理事务", "满意度指标", "服务对象满意度指标", "1", "群众对民政事业工作满意度", "95%", "", "95", "%", "number"),
}

# function_no, level1, level2 and seq of all 61 rows, in order (as tests/cpp/read_sample_test.cpp).
TREE = (
    [("1", "产出指标", "数量指标", str(s)) for s in range(1, 8)]
    + [("1", "产出指标", "质量指标", "1"), ("1", "产出指标", "时效指标", "1"), ("1", "产出指标", "时效指标", "2"),
       ("1", "效益指标", "社会效益指标", "1"), ("1", "效益指标", "社会效益指标", "2"),
       ("1", "效益指标", "可持续影响指标", "1"),
       ("1", "满意度指标", "服务对象满意度指标", "1"), ("1", "满意度指标", "服务对象满意度指标", "2")]
    + [("2", "产出指标", "数量指标", str(s)) for s in range(1, 9)]
    + [("2", "产出指标", "质量指标", str(s)) for s in range(1, 4)]
    + [("2", "产出指标", "时效指标", "1"), ("2", "产出指标", "时效指标", "2"),
       ("2", "效益指标", "社会效益指标", "1"), ("2", "效益指标", "社会效益指标", "2"),
       ("2", "效益指标", "可持续影响指标", "1"),
       ("2", "满意度指标", "服务对象满意度指标", "1"), ("2", "满意度指标", "服务对象满意度指标", "2")]
    + [("3", "产出指标", "数量指标", str(s)) for s in range(1, 5)]
    + [("3", "产出指标", "质量指标", "1"), ("3", "产出指标", "时效指标", "1"), ("3", "产出指标", "时效指标", "2"),
       ("3", "效益指标", "社会效益指标", "1"), ("3", "效益指标", "可持续影响指标", "1"),
       ("3", "满意度指标", "服务对象满意度指标", "1"), ("3", "满意度指标", "服务对象满意度指标", "2")]
    + [("4", "产出指标", "数量指标", str(s)) for s in range(1, 12)]
    + [("4", "产出指标", "质量指标", "1"), ("4", "产出指标", "质量指标", "2"),
       ("4", "效益指标", "社会效益指标", "1"), ("4", "效益指标", "社会效益指标", "2"),
       ("4", "效益指标", "可持续影响指标", "1"), ("4", "满意度指标", "服务对象满意度指标", "1")]
)

FUNCTIONS = {"1": "社会救助", "2": "社会福利", "3": "社会事务", "4": "其他民政管理事务"}


def run(cli, path, *args):
    return subprocess.run([cli, "read", str(path), *args], capture_output=True, text=True, encoding="utf-8")


def tsv_rows(stdout):
    lines = stdout.split("\n")
    assert lines[-1] == "", "the output ends with a line end"
    return [line.split("\t") for line in lines[:-1]]


def test_tree_of_61_rows_as_tsv(jixiao_cli):
    out = run(jixiao_cli, SAMPLE, "--format", "tsv")
    assert out.returncode == 1  # the sample has invalid values (JX103); the table is still printed
    rows = tsv_rows(out.stdout)
    assert rows[0] == HEADER
    body = rows[1:]
    assert len(body) == 61
    assert len(TREE) == 61
    for i, row in enumerate(body):
        assert len(row) == len(HEADER), f"row {i}: {row}"
        record = dict(zip(HEADER, row))
        assert (record["function_no"], record["level1"], record["level2"], record["seq"]) == TREE[i], f"row {i}"
        assert record["function"] == FUNCTIONS[record["function_no"]]
    for i, want in SOME_ROWS.items():
        record = dict(zip(HEADER, body[i]))
        got = tuple(record[k] for k in ("function_no", "function", "level1", "level2", "seq", "name",
                                        "target", "op", "value", "unit", "kind"))
        assert got == want[1:], f"the indicator on line {want[0]}"


def test_diagnostics_on_stderr_with_file_and_line(jixiao_cli):
    out = run(jixiao_cli, SAMPLE, "--format", "tsv")
    lines = out.stderr.splitlines()
    assert lines, "the sample's problems are reported"
    pattern = re.compile(r"^(.+):(\d+):(\d+): (info|warning|error) (JX\d{3}): .+")
    for line in lines:
        m = pattern.match(line)
        assert m, line
        assert m.group(1) == str(SAMPLE)
    empty = [int(pattern.match(line).group(2)) for line in lines if " warning JX210: " in line]
    assert empty == [50, 56, 72]
    for n in (50, 56, 72):
        assert any(line.startswith(f"{SAMPLE}:{n}:") and " warning JX210: " in line for line in lines)
    invalid = [int(pattern.match(line).group(2)) for line in lines if " error JX103: " in line]
    assert invalid == [58, 66]


def test_csv_output_is_valid_csv_with_the_same_rows(jixiao_cli):
    tsv = tsv_rows(run(jixiao_cli, SAMPLE, "--format", "tsv").stdout)
    out = run(jixiao_cli, SAMPLE, "--format", "csv")
    assert out.returncode == 1
    rows = list(csv.reader(io.StringIO(out.stdout, newline=""), strict=True))
    assert rows[0] == HEADER
    assert len(rows) == 62
    assert rows == tsv  # no cell of the sample holds a tab or a line end
    # Cells holding a comma were quoted, and read back whole.
    assert any("," in cell for row in rows for cell in row)


def test_json_output(jixiao_cli):
    out = run(jixiao_cli, SAMPLE, "--format", "json")
    assert out.returncode == 1
    table = json.loads(out.stdout)
    assert table["format"] == "jixiao-table"
    assert table["version"] == 1
    assert table["kind"] == "department_targets"
    assert table["year"] == 2024
    assert len(table["functions"]) == 4
    assert len(table["indicators"]) == 61
    assert table["indicators"][33]["name"] == {"text": "为全县符合条件的遗属发放补助金", "line": 45, "column": 9}
    # The default output is JSON.
    assert json.loads(run(jixiao_cli, SAMPLE).stdout) == table


VARIANTS = ["civil-affairs.gbk.csv", "civil-affairs.csv", "civil-affairs.crlf.tsv", "civil-affairs.bom.tsv",
            "civil-affairs.extra-columns.tsv", "civil-affairs.clean.tsv", "civil-affairs.json"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_prints_the_same_rows(jixiao_cli, variant):
    want = run(jixiao_cli, SAMPLE, "--format", "tsv")
    got = run(jixiao_cli, TABLES / variant, "--format", "tsv")
    assert got.stdout == want.stdout
    if variant != "civil-affairs.json":  # JSON keeps the table, not the diagnostics of reading it
        assert got.returncode == want.returncode == 1
        warnings = [line for line in got.stderr.splitlines() if " warning JX210: " in line]
        assert len(warnings) == 3
        assert all(line.startswith(str(TABLES / variant) + ":") for line in got.stderr.splitlines())


def test_gbk_variant_read_with_encoding_given(jixiao_cli):
    want = run(jixiao_cli, SAMPLE, "--format", "tsv")
    for encoding in ("gbk", "gb18030"):
        got = run(jixiao_cli, TABLES / "civil-affairs.gbk.csv", "--format", "tsv", "--encoding", encoding,
                  "--input-format", "csv")
        assert got.stdout == want.stdout
        assert "JX201" not in got.stderr  # no guess was made


def test_self_evaluation_as_tsv(jixiao_cli):
    out = run(jixiao_cli, TABLES / "self-evaluation.tsv", "--format", "tsv")
    assert out.returncode == 0
    rows = tsv_rows(out.stdout)
    assert rows[0] == HEADER + ["actual", "actual_value", "weight", "score"]
    assert len(rows) == 9
    third = dict(zip(rows[0], rows[3]))
    assert (third["name"], third["target"], third["actual"], third["actual_value"], third["weight"], third["score"]) == \
        ("临时救助人次", "≥8973人次", "8120人次", "8120", "10", "9.05")


def test_a_csv_with_a_tab_in_a_quoted_cell_is_read_as_csv(jixiao_cli, tmp_path):
    source = Path(__file__).resolve().parents[2] / "tests" / "data" / "tables" / "civil-affairs.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[19] += ',"a\tb"'
    tabbed = tmp_path / "tabbed.csv"
    tabbed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = run(jixiao_cli, source, "--format", "tsv")
    r = run(jixiao_cli, tabbed, "--format", "tsv")
    assert tsv_rows(r.stdout) == tsv_rows(plain.stdout)


def test_rows_copied_whole_from_excel_read_like_the_table(jixiao_cli, tmp_path):
    """16,384 cells a line (a whole Excel row) give the same table as the sample itself."""
    sample = Path("examples/data/civil-affairs-2024-targets.tsv")
    wide = tmp_path / "wide.tsv"
    with wide.open("w", encoding="utf-8") as f:
        for line in sample.read_text(encoding="utf-8").splitlines():
            f.write(line + "\t" * (16383 - line.count("\t")) + "\n")
    assert tsv_rows(run(jixiao_cli, wide, "--format", "tsv").stdout) == tsv_rows(
        run(jixiao_cli, sample, "--format", "tsv").stdout)


def test_output_that_cannot_be_written_exits_2(jixiao_cli):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    for fmt in ("json", "csv", "tsv"):
        with open("/dev/full", "w") as full:
            r = subprocess.run([jixiao_cli, "read", "examples/data/civil-affairs-2024-targets.tsv", "--format", fmt],
                               stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert r.returncode == 2 and "jixiao read: cannot write the output" in r.stderr


def test_control_characters_in_messages_are_escaped(jixiao_cli, tmp_path):
    """A binary file's bytes must not reach the terminal raw, and each diagnostic stays one line."""
    odd = tmp_path / "odd.tsv"
    odd.write_bytes("标题\x1b[31m\t红\n".encode("utf-8"))
    r = run(jixiao_cli, odd)
    assert "\x1b" not in r.stderr and "标题\\x1B[31m" in r.stderr
    assert all(l.startswith(str(odd)) for l in r.stderr.splitlines())


def test_a_file_that_cannot_be_read_exits_2_and_prints_nothing(jixiao_cli, tmp_path):
    r = run(jixiao_cli, tmp_path / "missing.tsv")
    assert r.returncode == 2 and r.stdout == "" and "error JX200" in r.stderr
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    r = run(jixiao_cli, book)
    assert r.returncode == 2 and r.stdout == "" and "Excel workbook" in r.stderr and "jixiao.read_table" in r.stderr


MULTILINE = TABLES / "self-evaluation-multiline.csv"


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_cells_with_line_breaks_stay_one_row_in_tsv_and_read_back_from_csv(jixiao_cli, tmp_path, line_end):
    """Cells Excel quoted with line breaks in them (LF, CRLF, U+2028, U+2029): TSV, which cannot
    quote, shows each break as a space and keeps one line a row; CSV quotes them and Python's csv
    module reads every cell back as it was."""
    table = tmp_path / "multiline.csv"
    table.write_bytes(MULTILINE.read_bytes().replace(b"\n", line_end.encode()))
    tsv = subprocess.run([jixiao_cli, "read", table, "--format", "tsv"], capture_output=True)
    assert tsv.returncode == 0
    text = tsv.stdout.decode("utf-8")
    assert not any(c in text for c in ("\r", "\u2028", "\u2029"))
    rows = tsv_rows(text)
    assert len(rows) == 4 and all(len(r) == len(rows[0]) for r in rows)
    first = dict(zip(rows[0], rows[1]))
    assert (first["function"], first["level2"], first["name"], first["actual"]) == ("社会 救助", "数量 指标", "城市低保 保障人次",
                                                                                    "10230 人次")
    assert [dict(zip(rows[0], r))["name"] for r in rows[2:]] == ["农村低保 保障人次", "低保资金 发放准确率"]

    out = subprocess.run([jixiao_cli, "read", table, "--format", "csv"], capture_output=True).stdout
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline=""), strict=True))
    assert len(rows) == 3
    assert (rows[0]["function"], rows[0]["level2"], rows[0]["name"], rows[0]["actual"]) == (
        f"社会{line_end}救助", f"数量{line_end}指标", f"城市低保{line_end}保障人次", f"10230{line_end}人次")
    assert [r["name"] for r in rows[1:]] == ["农村低保\u2028保障人次", "低保资金\u2029发放准确率"]
    assert rows[2]["actual"] == f"见附件{line_end}说明"
