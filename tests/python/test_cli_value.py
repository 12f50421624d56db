"""`jixiao value` as pipelines use it: JSON lines on standard output, exit status 0 or 1."""
import json
import math
import subprocess

FIELDS = ["raw", "kind", "op", "value", "upper", "number", "multiplier", "unit", "text",
          "date", "date_end", "diagnostics"]


def run(cli, *args, stdin=None):
    return subprocess.run([cli, "value", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8")


def test_the_five_values_of_the_issue(jixiao_cli):
    out = run(jixiao_cli, "--json", stdin="≥10141人次\n≤202.6万元\n95%以上\n稳步提升\n3人/年/6.3\n")
    assert out.returncode == 1  # one value is invalid; all are still printed
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 5
    for obj in lines:
        assert list(obj)[: len(FIELDS)] == FIELDS

    a, b, c, d, e = lines
    assert (a["kind"], a["op"], a["value"], a["unit"], a["number"], a["multiplier"]) == \
        ("number", ">=", 10141, "人次", 10141, 1)
    assert (b["kind"], b["op"], b["value"], b["unit"], b["number"], b["multiplier"]) == \
        ("number", "<=", 2026000, "元", 202.6, 10000)
    assert (c["kind"], c["op"], c["value"], c["unit"]) == ("number", ">=", 95, "%")
    assert (d["kind"], d["op"], d["value"], d["text"]) == ("qualitative", "", None, "稳步提升")
    assert e["kind"] == "invalid" and e["value"] is None
    [diag] = e["diagnostics"]
    assert diag["code"] == "JX103" and diag["severity"] == "error" and diag["column"] == 5
    assert "6.3" in diag["message"]
    for obj in (a, b, c, d):
        assert obj["diagnostics"] == []


def test_arguments_instead_of_stdin_and_exit_zero(jixiao_cli):
    out = run(jixiao_cli, "--json", "2023年12月底", "80%-90%")
    assert out.returncode == 0
    date, rng = (json.loads(line) for line in out.stdout.splitlines())
    assert (date["kind"], date["date"], date["date_end"]) == ("date", "2023-12-31", "")
    assert (rng["op"], rng["value"], rng["upper"], rng["unit"]) == ("range", 80, 90, "%")


def test_crlf_and_empty_lines(jixiao_cli):
    out = run(jixiao_cli, "--json", stdin="100%\r\n\r\n≥12个月\r\n")
    assert out.returncode == 0
    objs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [o["kind"] for o in objs] == ["number", "empty", "number"]
    assert objs[0]["raw"] == "100%"  # the CR is a line end, not part of the cell


def test_invalid_utf8_is_reported_not_fatal(jixiao_cli):
    proc = subprocess.run([jixiao_cli, "value", "--json"], input=b"\xff\xfe100%\n\xe2\x89\xa595%\n",
                          capture_output=True)
    assert proc.returncode == 1
    first, second = (json.loads(line) for line in proc.stdout.decode("utf-8").splitlines())
    assert first["kind"] == "invalid" and first["diagnostics"][0]["code"] == "JX100"
    assert second["op"] == ">=" and not math.isnan(second["value"])


def test_human_readable_output(jixiao_cli):
    out = run(jixiao_cli, "≤202.6万元", "3人/年/6.3")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["≤202.6万元", "number", "op=<="]
    assert "unit=元" in lines[0]
    assert lines[1] == "3人/年/6.3\tinvalid"
    assert lines[2].startswith("  column 5: error JX103:")


def test_bracketed_ranges_and_negative_numbers_are_values_not_options(jixiao_cli):
    out = run(jixiao_cli, "--json", "[90,100]", "(0,5]", "-5%")
    assert out.returncode == 0
    a, b, c = (json.loads(line) for line in out.stdout.splitlines())
    assert (a["op"], a["value"], a["upper"]) == ("range", 90, 100)
    assert (b["op"], b["value"], b["upper"], b["lower_inclusive"]) == ("range", 0, 5, False)
    assert (c["value"], c["unit"]) == (-5, "%")


def test_text_output_shows_which_range_ends_count(jixiao_cli):
    out = run(jixiao_cli, "(95%,100%]", "[95%,100%)")
    assert "ends=(]" in out.stdout.splitlines()[0]
    assert "ends=[)" in out.stdout.splitlines()[1]


def test_options_end_at_double_dash_and_unknown_options_are_usage_errors(jixiao_cli):
    r = run(jixiao_cli, "--json", "--", "--json", "-5")
    assert r.returncode == 1  # `--json` after -- is a value, and not a readable one
    assert [json.loads(l)["raw"] for l in r.stdout.splitlines()] == ["--json", "-5"]
    r = run(jixiao_cli, "a", "--", "b")
    assert r.returncode == 0 and [l.split("\t")[0] for l in r.stdout.splitlines()] == ["a", "b"]
    r = run(jixiao_cli, "--bogus", "≥5%")
    assert r.returncode == 2 and "unknown option --bogus" in r.stderr and r.stdout == ""


def test_a_byte_order_mark_on_stdin_is_not_part_of_the_first_value(jixiao_cli):
    r = run(jixiao_cli, "--json", stdin="\ufeff≥95%\n≥5%\n")
    assert r.returncode == 0
    assert [json.loads(l)["raw"] for l in r.stdout.splitlines()] == ["≥95%", "≥5%"]


def test_text_output_is_one_line_a_value_whatever_the_cell_holds(jixiao_cli):
    """A value given as an argument may hold a line break (an Excel cell pasted whole) or a tab:
    each is a space, so that a value stays one line of tab-separated fields; other controls and
    directional marks are U+FFFD."""
    values = ["95%\n以上", "稳步\r\n提升", "≥10\u2028人次", "提前\u2029下达", "10\t人", "甲\u200f乙\u200e丙\u061c\x1b[2J"]
    r = subprocess.run([jixiao_cli, "value", *values], capture_output=True)
    out = r.stdout.decode("utf-8")
    assert not any(c in out for c in ("\r", "\u2028", "\u2029", "\x1b", "\u200f", "\u200e", "\u061c"))
    records = [l for l in out.split("\n") if l and not l.startswith("  ")]  # diagnostics are indented
    assert [l.split("\t")[0] for l in records] == ["95% 以上", "稳步 提升", "≥10 人次", "提前 下达", "10 人",
                                                  "甲\ufffd乙\ufffd丙\ufffd\ufffd[2J"]
    assert records[1].split("\t")[1:] == ["qualitative", "text=稳步 提升", "category=improve"]
