"""`jixiao score` on the self-evaluation test tables: the explained text, the JSON object of
docs/scoring.md and the CSV with one row per indicator; diagnostics on standard error."""
import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

TABLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "tables"
TABLE = TABLES / "self-evaluation.tsv"
DEVIATING = TABLES / "self-evaluation-deviating.tsv"

# Rule scores computed by hand from the table (see tests/cpp/scorecard_test.cpp).
RULE = ["10.00", "10.00", "9.05", "10.00", "10.00", "15.00", "15.00", "10.00"]


def run(cli, *args, status=0):
    r = subprocess.run([cli, "score", *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == status, r.stderr
    return r


def test_text_explains_every_indicator_and_the_totals(jixiao_cli):
    out = run(jixiao_cli, TABLE).stdout
    assert "产出指标/数量指标 指标1 城市低保保障人次: 10230人次 / ≥10141人次 → 10.00 / 10 (超额完成, 以满分计)" in out
    assert "产出指标/数量指标 指标3 临时救助人次: 8120人次 / ≥8973人次 → 9.05 / 10 (按比例)" in out
    assert "  产出指标/数量指标: 29.05 / 30 (published 29.05)" in out
    assert "  产出指标: 49.05 / 50 (published 49.05)" in out
    assert "预算执行率: 执行率 95.37% (1287.45 / 1350) → 9.54 / 10" in out
    assert "total: 98.59 / 100 (published 98.59)" in out
    assert "grade: 优 (published 优)" in out
    assert "published scores that differ from the rules: none" in out


def test_text_lists_the_published_scores_that_differ(jixiao_cli):
    r = run(jixiao_cli, DEVIATING)
    tail = [l.strip() for l in r.stdout.split("published scores that differ from the rules:")[1].strip().splitlines()]
    assert tail == [
        "产出指标/数量指标 指标1 城市低保保障人次: published 7.00, rule 10.00, difference -3.00",
        "产出指标/数量指标 指标3 临时救助人次: published 10.00, rule 9.05, difference +0.95",
        "预算执行率: published 10.00, rule 9.54, difference +0.46",
    ]
    # The published scores add up to 97, not the 98.59 the table states.
    assert "self-evaluation-deviating.tsv:21:1: warning JX422:" in r.stderr


def test_json(jixiao_cli):
    j = json.loads(run(jixiao_cli, DEVIATING, "--format", "json").stdout)
    assert j["policy"] == "mof2020"
    assert [f"{i['score']:.2f}" for i in j["indicators"]] == RULE
    assert j["indicators"][0]["published"] == 7
    assert j["indicators"][0]["difference"] == -3
    assert j["budget"]["score"] == 9.54 and j["budget"]["published"] == 10
    assert j["budget"]["full_year"] == 1350 and j["budget"]["executed"] == 1287.45
    assert j["total"] == {"weight": 100, "score": 98.59, "published": 98.59, "indicator_weight": 90,
                          "indicator_score": 89.05, "unscored": 0}
    assert j["grade"] == "优" and j["published_grade"] == "优"
    assert [(d["index"], d["name"], d["difference"]) for d in j["differences"]] == [
        (0, "城市低保保障人次", -3), (2, "临时救助人次", 0.95), (None, "预算执行率", 0.46)]
    levels = [s["level"] for s in j["subtotals"]]
    assert levels == ["level2"] * 6 + ["level1"] * 3
    assert [d["code"] for d in j["diagnostics"] if d["severity"] != "info"] == ["JX422"]


def test_csv_one_row_per_indicator(jixiao_cli):
    rows = list(csv.DictReader(io.StringIO(run(jixiao_cli, TABLE, "--format", "csv").stdout)))
    assert list(rows[0]) == ["function", "level1", "level2", "seq", "name", "target", "actual", "weight",
                             "rule_score", "published_score", "difference"]
    assert [r["rule_score"] for r in rows] == RULE
    assert rows[2]["name"] == "临时救助人次" and rows[2]["target"] == "≥8973人次" and rows[2]["actual"] == "8120人次"
    assert all(r["difference"] == "0.00" for r in rows)


def test_hubei_policy_and_policy_file(jixiao_cli, tmp_path):
    r = run(jixiao_cli, TABLE, "--policy", "hubei")
    assert "grade: none (policy)" in r.stdout
    assert "warning JX420" in r.stderr  # 90 of level-3 weights, Hubei expects 80
    policy = tmp_path / "p.json"
    policy.write_text('{"base": "mof2020", "grades": {"excellent": 99}}', encoding="utf-8")
    assert "grade: 良 (published 优)" in run(jixiao_cli, TABLE, "--policy", policy).stdout
    policy.write_text('{"reverse": "square"}', encoding="utf-8")
    assert "JX418" in run(jixiao_cli, TABLE, "--policy", policy, status=2).stderr
    assert run(jixiao_cli, TABLE, "--policy", "nosuch", status=2).stdout == ""


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_diagnostics_go_to_stderr(jixiao_cli, fmt):
    r = run(jixiao_cli, TABLE, "--format", fmt)
    if fmt != "json":  # the JSON object carries the diagnostics too
        assert "JX" not in r.stdout
    assert "self-evaluation.tsv:18:42: info JX413" in r.stderr


def test_huge_weights_print_their_digits_not_memory(jixiao_cli, tmp_path):
    """1e80 points needs more than a small buffer in fixed notation: the output is the number,
    the same on every run, with no NUL or stray bytes."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    row = next(i for i, l in enumerate(lines) if "城市低保保障人次" in l)
    cells = lines[row].split("\t")
    cells[cells.index("10230人次") + 1] = "1e80"  # 分值, after 实际完成值
    lines[row] = "\t".join(cells)
    table = tmp_path / "huge.tsv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = [subprocess.run([jixiao_cli, "score", table, *fmt], capture_output=True) for fmt in ([], [], ["--format", "json"])]
    assert outs[0].stdout == outs[1].stdout
    for r in outs:
        assert b"\x00" not in r.stdout and b"\x00" not in r.stderr
    text = outs[0].stdout.decode("utf-8")
    assert f"→ {1e80:.2f} / 1e+80 (超额完成, 以满分计)" in text  # every digit of the double 1e80
    json.loads(outs[2].stdout)


def test_a_number_beyond_a_double_in_a_policy_is_jx418(jixiao_cli, tmp_path):
    for body in ('{"weights": {"output": 1e400}}', '{"decimals": 1e400}'):
        policy = tmp_path / "p.json"
        policy.write_text(body, encoding="utf-8")
        r = run(jixiao_cli, TABLE, "--policy", policy, status=2)
        assert "error JX418" in r.stderr and "out of range" in r.stderr and "terminate" not in r.stderr


def test_output_that_cannot_be_written_exits_2(jixiao_cli):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    for fmt in ("text", "json", "csv"):
        with open("/dev/full", "w") as full:
            r = subprocess.run([jixiao_cli, "score", TABLE, "--format", fmt], stdout=full, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")
        assert r.returncode == 2 and "cannot write the output" in r.stderr


def test_an_indicator_that_cannot_be_scored_is_an_error_with_its_place(jixiao_cli, tmp_path):
    """An empty 实际完成值: JX401 names the indicator and points at its row; exit 1."""
    text = TABLE.read_text(encoding="utf-8").replace("\t10230人次\t", "\t\t", 1)
    table = tmp_path / "no-actual.tsv"
    table.write_text(text, encoding="utf-8")
    r = run(jixiao_cli, table, status=1)
    line = next(l for l in r.stderr.splitlines() if "JX401" in l)
    row = next(i for i, l in enumerate(text.splitlines(), 1) if "城市低保保障人次" in l)
    assert line.startswith(f"{table}:{row}:") and "`城市低保保障人次`: no actual value" in line
    run(jixiao_cli, TABLE, status=0)  # the table as it is scores without error


def test_after_actuals_the_tables_own_cells_still_name_the_table(jixiao_cli, tmp_path):
    """A self-evaluation table with a bad 分值 merged with actuals that give no weight or score:
    the weight's JX407 and a published score's JX413 are the table's; only the file's cells
    (an actual without its unit, JX405) name the actuals file."""
    text = TABLE.read_text(encoding="utf-8").replace("\t10230人次\t10\t10\t", "\t10230人次\tx\t10\t", 1)
    table = tmp_path / "bad-weight.tsv"
    table.write_text(text, encoding="utf-8")
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("三级指标,实际完成值\n城市低保保障人次,10230人次\n农村低保保障人次,24702\n", encoding="utf-8")
    lines = run(jixiao_cli, table, "--actuals", actuals, status=1).stderr.splitlines()
    row = next(i for i, l in enumerate(text.splitlines(), 1) if "城市低保保障人次" in l)
    assert f"{table}:{row}:42: error JX407: no weight (分值) to score out of" in lines
    assert any(l.startswith(f"{table}:") and "JX413" in l for l in lines)
    assert any(l.startswith(f"{actuals}:3:10:") and "JX405" in l for l in lines)
    assert not any(l.startswith(f"{actuals}:") and ("JX407" in l or "JX413" in l) for l in lines)


def test_published_scores_are_shown_rounded_half_up(jixiao_cli, tmp_path):
    """2.675 is stored as 2.67499…: shown with the policy's 2 decimals it is 2.68, as the rules
    round, and the difference shown is that of the numbers shown, 2.68 - 10.00 = -7.32 (the exact
    -7.325 would round to -7.33 and not add up on the page)."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    row = next(i for i, l in enumerate(lines) if "低保资金发放准确率" in l)
    cells = lines[row].split("\t")
    cells[cells.index("100%", cells.index("100%") + 1) + 2] = "2.675"  # 得分, after 实际完成值 and 分值
    lines[row] = "\t".join(cells)
    table = tmp_path / "rounding.tsv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run(jixiao_cli, table).stdout
    assert "产出指标/质量指标 指标1 低保资金发放准确率: published 2.68, rule 10.00, difference -7.32" in out


def test_a_file_that_cannot_be_opened_is_an_io_error(jixiao_cli, tmp_path):
    r = run(jixiao_cli, tmp_path / "missing.tsv", status=2)
    assert r.stdout == "" and "error JX200" in r.stderr
    r = run(jixiao_cli, TABLE, "--actuals", tmp_path / "missing.csv", status=2)
    assert r.stdout == "" and "missing.csv: error JX200" in r.stderr
    out = tmp_path / "r.html"
    rep = subprocess.run([jixiao_cli, "report", tmp_path / "missing.tsv", "-o", out], capture_output=True, text=True,
                         encoding="utf-8")
    assert rep.returncode == 2 and not out.exists() and "error JX200" in rep.stderr


def test_escape_sequences_in_cells_do_not_reach_the_terminal(jixiao_cli, tmp_path):
    table = tmp_path / "esc.tsv"
    table.write_text("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                     "产出指标\t数量指标\t指标1：甲\x1b]0;pwned\x07\t≥10人\t12人\t10\t10\n", encoding="utf-8")
    r = subprocess.run([jixiao_cli, "score", table], capture_output=True)
    assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout and b"\x1b" not in r.stderr
    assert "甲\ufffd]0;pwned\ufffd".encode() in r.stdout


MULTILINE = TABLES / "self-evaluation-multiline.csv"
# Breaks inside the cells of MULTILINE: LF in the title, the function, a level 2, a name, an actual
# and the unscored actual; U+2028 and U+2029 in two names.  VT, FF and NEL are put in by
# test_text_turns_every_other_line_break_into_a_space.
BREAKS = ("\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


def multiline(tmp_path, line_end):
    """MULTILINE as Excel writes it on Windows, CRLF at every line end, inside cells too."""
    if line_end == "\n":
        return MULTILINE
    table = tmp_path / "multiline-crlf.csv"
    table.write_bytes(MULTILINE.read_bytes().replace(b"\n", line_end.encode()))
    return table


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_text_keeps_to_one_line_a_record_when_cells_hold_line_breaks(jixiao_cli, tmp_path, line_end):
    """Excel quotes a cell holding a line break (Alt+Enter): in the text, each break is a space, so
    that every indicator, subtotal and difference stays one line."""
    r = subprocess.run([jixiao_cli, "score", multiline(tmp_path, line_end)], capture_output=True)
    assert r.returncode == 1  # the actual `见附件 说明` cannot be scored
    out = r.stdout.decode("utf-8")
    assert not any(c in out for c in BREAKS)
    lines = out.split("\n")
    assert lines[:4] == [
        "2023年度部门整体支出 绩效自评表 — policy mof2020",
        "职能1 社会 救助 · 产出指标/数量 指标 指标1 城市低保 保障人次: 10230人次 / ≥10141人次 → 10.00 / 10 (超额完成, 以满分计)",
        "职能1 社会 救助 · 产出指标/数量指标 指标2 农村低保 保障人次: 24702人次 / ≥24671人次 → 10.00 / 10 (超额完成, 以满分计)",
        "职能1 社会 救助 · 产出指标/质量指标 指标1 低保资金 发放准确率: 未评分 / not scored (JX414: the actual "
        "`见附件 说明` (qualitative) cannot be compared with the target `100%` (number); not scored)",
    ]
    assert "  职能1 社会 救助 · 产出指标/数量 指标: 10.00 / 10 (published 10.00)" in lines
    assert "  职能1 社会 救助: 20.00 / 30 (published 29.00) [1 not scored]" in lines
    differences = lines[lines.index("published scores that differ from the rules:") + 1:]
    assert differences == [
        "  职能1 社会 救助 · 产出指标/数量指标 指标2 农村低保 保障人次: published 9.00, rule 10.00, difference -1.00",
        "  职能1 社会 救助 · 产出指标/质量指标 指标1 低保资金 发放准确率: published 10.00, rule not scored, difference —",
        "",
    ]


def test_text_turns_every_other_line_break_into_a_space(jixiao_cli, tmp_path):
    """VT, FF and NEL end a line for some terminals and for str.splitlines: in the text they are
    spaces like LF; the CSV keeps them as they are."""
    text = MULTILINE.read_text(encoding="utf-8")
    assert "农村低保\u2028保障人次" in text
    table = tmp_path / "breaks.csv"
    table.write_text(text.replace("农村低保\u2028保障人次", "农村\x0b低保\x0c保障\x85人次", 1),
                     encoding="utf-8", newline="")
    out = subprocess.run([jixiao_cli, "score", table], capture_output=True).stdout.decode("utf-8")
    assert not any(c in out for c in BREAKS)
    assert out.endswith("\n") and out.splitlines() == out[:-1].split("\n")
    assert ("职能1 社会 救助 · 产出指标/数量指标 指标2 农村 低保 保障 人次: 24702人次 / ≥24671人次 → 10.00 / 10"
            " (超额完成, 以满分计)") in out.split("\n")
    r = subprocess.run([jixiao_cli, "score", table, "--format", "csv"], capture_output=True)
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"), newline=""), strict=True))
    assert [row["name"] for row in rows][1] == "农村\x0b低保\x0c保障\x85人次"


def test_text_shows_hidden_characters_of_a_policy_and_of_cells_as_replacement_characters(jixiao_cli, tmp_path):
    """A policy's name is text from a file too; tabs are spaces; controls and directional marks
    (RLM, LRM, ALM) are U+FFFD."""
    text = MULTILINE.read_text(encoding="utf-8").replace("农村低保", "农村\t低保\u200f\u200e\u061c\x1b[2J", 1)
    table = tmp_path / "hidden.csv"
    table.write_text(text, encoding="utf-8")
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"base": "mof2020", "name": "本地\n细则\u202e"}), encoding="utf-8")
    out = subprocess.run([jixiao_cli, "score", table, "--policy", policy], capture_output=True).stdout.decode("utf-8")
    assert out.startswith("2023年度部门整体支出 绩效自评表 — policy 本地 细则\ufffd\n")
    assert "指标2 农村 低保\ufffd\ufffd\ufffd\ufffd[2J 保障人次: 24702人次" in out


def test_csv_quotes_cells_with_line_breaks_and_reads_back(jixiao_cli, tmp_path):
    """CSV keeps the cells as they are, quoted (RFC 4180): Python's csv module reads them back."""
    for line_end in ("\n", "\r\n"):
        r = subprocess.run([jixiao_cli, "score", multiline(tmp_path, line_end), "--format", "csv"], capture_output=True)
        rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"), newline=""), strict=True))
        assert len(rows) == 3
        assert rows[0]["function"] == f"职能1 社会{line_end}救助"
        assert rows[0]["level2"] == f"数量{line_end}指标"
        assert rows[0]["name"] == f"城市低保{line_end}保障人次"
        assert rows[0]["actual"] == f"10230{line_end}人次" and rows[0]["rule_score"] == "10.00"
        assert rows[1]["name"] == "农村低保\u2028保障人次" and rows[2]["name"] == "低保资金\u2029发放准确率"
        assert rows[2]["actual"] == f"见附件{line_end}说明" and rows[2]["rule_score"] == ""
