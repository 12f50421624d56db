"""`jixiao lint`: the JSON output against docs/lint.schema.json, the SARIF output against the
SARIF 2.1.0 schema, options and exit status."""
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "civil-affairs-2024-targets.tsv"
TABLES = ROOT / "tests" / "data" / "tables"
SCHEMAS = ROOT / "tests" / "data" / "schemas"
LINT_SCHEMA = ROOT / "docs" / "lint.schema.json"
SARIF_SUBSET = SCHEMAS / "sarif-2.1.0-subset.schema.json"
SARIF_OFFICIAL = SCHEMAS / "sarif-schema-2.1.0.json"


def run(cli, *args, status=None):
    r = subprocess.run([cli, "lint", *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    if status is not None:
        assert r.returncode == status, r.stdout + r.stderr
    return r


def validator(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_json_validates_and_matches_the_text(jixiao_cli):
    j = json.loads(run(jixiao_cli, "--format", "json", SAMPLE, status=1).stdout)
    validator(LINT_SCHEMA).validate(j)
    [f] = j["files"]
    assert f["tree"] == "tree_a"
    text = run(jixiao_cli, SAMPLE).stdout.splitlines()
    assert len(f["diagnostics"]) == len(text) - 1  # the summary line
    gas = next(d for d in f["diagnostics"] if "天然气费" in d["message"])
    assert gas == {"code": "JX330", "severity": "warning", "message": gas["message"], "line": 59, "column": 9,
                   "length": 4, "hint": "move it to 产出指标/成本指标 and give it a unit (元 or 万元)",
                   "source": "lint", "family": "classification", "title_zh": "资金或费用列为数量/质量指标",
                   "title_en": "money listed as a quantity or quality output"}
    assert j["summary"]["errors"] == sum(d["severity"] == "error" for d in f["diagnostics"])
    # Reader diagnostics are kept, with their own codes.
    assert {d["code"] for d in f["diagnostics"] if d["source"] == "read"} >= {"JX103", "JX210"}


def test_json_schema_rejects_what_it_should(jixiao_cli):
    j = json.loads(run(jixiao_cli, "--format", "json", SAMPLE).stdout)
    v = validator(LINT_SCHEMA)
    bad = json.loads(json.dumps(j))
    bad["files"][0]["diagnostics"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        v.validate(bad)
    bad = json.loads(json.dumps(j))
    lint_finding = next(d for d in bad["files"][0]["diagnostics"] if d["source"] == "lint")
    del lint_finding["title_zh"]
    with pytest.raises(jsonschema.ValidationError):
        v.validate(bad)


@pytest.mark.parametrize("table", [SAMPLE, TABLES / "self-evaluation-deviating.tsv", TABLES / "project-split-columns.tsv"])
def test_sarif_validates_against_the_subset(jixiao_cli, table):
    s = json.loads(run(jixiao_cli, "--format", "sarif", table).stdout)
    validator(SARIF_SUBSET).validate(s)
    [r] = s["runs"]
    assert r["columnKind"] == "unicodeCodePoints"
    rules = r["tool"]["driver"]["rules"]
    for res in r["results"]:
        if "ruleIndex" in res:
            assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_locations_and_levels(jixiao_cli):
    s = json.loads(run(jixiao_cli, "--format", "sarif", SAMPLE).stdout)
    results = s["runs"][0]["results"]
    gas = next(r for r in results if "天然气费" in r["message"]["text"])
    loc = gas["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("examples/data/civil-affairs-2024-targets.tsv")
    assert loc["region"] == {"startLine": 59, "startColumn": 9, "endColumn": 13}
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_subset_rejects_invalid_sarif(jixiao_cli):
    s = json.loads(run(jixiao_cli, "--format", "sarif", SAMPLE).stdout)
    v = validator(SARIF_SUBSET)
    bad = json.loads(json.dumps(s))
    bad["runs"][0]["results"][0]["level"] = "info"  # SARIF says note
    with pytest.raises(jsonschema.ValidationError):
        v.validate(bad)
    bad = json.loads(json.dumps(s))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    with pytest.raises(jsonschema.ValidationError):
        v.validate(bad)


@pytest.mark.skipif(not SARIF_OFFICIAL.exists(), reason="the official SARIF schema is not in tests/data/schemas (see README.md)")
def test_sarif_validates_against_the_official_schema(jixiao_cli):
    s = json.loads(run(jixiao_cli, "--format", "sarif", SAMPLE, TABLES / "self-evaluation-deviating.tsv").stdout)
    validator(SARIF_OFFICIAL).validate(s)


def test_sarif_uri_of_a_chinese_file_name(jixiao_cli, tmp_path):
    table = tmp_path / "民政 目标.tsv"
    table.write_bytes(SAMPLE.read_bytes())
    s = json.loads(run(jixiao_cli, "--format", "sarif", table).stdout)
    validator(SARIF_SUBSET).validate(s)
    uri = s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("%E6%B0%91%E6%94%BF%20%E7%9B%AE%E6%A0%87.tsv")


def test_fail_on_disable_and_severity(jixiao_cli):
    # The sample has reader errors (JX103): exit 1 by default.
    run(jixiao_cli, SAMPLE, status=1)
    run(jixiao_cli, "--fail-on", "none", SAMPLE, status=0)
    out = run(jixiao_cli, "--disable", "JX103,JX330", SAMPLE, status=0).stdout
    assert "JX103" not in out and "JX330" not in out and "JX350" in out
    run(jixiao_cli, "--disable", "JX103", "--fail-on", "warning", SAMPLE, status=1)
    out = run(jixiao_cli, "--disable", "JX103", "--severity", "JX371=error", SAMPLE, status=1).stdout
    assert "error JX371" in out
    strict = run(jixiao_cli, "--profile", "strict", "--fail-on", "none", SAMPLE).stdout
    assert "warning JX316" in strict and "info JX316" not in strict
    assert "info JX211" in strict  # strict raises lint's infos only


def test_usage_errors_exit_2(jixiao_cli, tmp_path):
    run(jixiao_cli, "--disable", "W0612", SAMPLE, status=2)
    run(jixiao_cli, "--severity", "JX330=fatal", SAMPLE, status=2)
    r = run(jixiao_cli, tmp_path / "missing.tsv", status=2)
    assert "JX200" in r.stdout


def test_clean_table_exits_0_with_no_findings(jixiao_cli, tmp_path):
    table = tmp_path / "clean.tsv"
    table.write_text(
        "2024年项目支出绩效目标表\n项目名称\t低保\n主管部门\t渚源县人民政府\n年度目标\t目标1：保障低保对象基本生活。\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t城市低保保障人次\t≥10141人次\n"
        "\t质量指标\t低保资金发放准确率\t≥95%\n"
        "\t时效指标\t低保金发放时间\t每月25日前\n"
        "效益指标\t社会效益指标\t困难群众基本生活水平\t稳步提升\n"
        "满意度指标\t服务对象满意度指标\t低保对象满意度\t≥90%\n", encoding="utf-8")
    r = run(jixiao_cli, "--fail-on", "info", table, status=0)
    assert r.stdout == "1 file: 0 errors, 0 warnings, 0 infos\n"


def test_text_findings_quoting_cells_with_line_breaks_stay_one_line(jixiao_cli, tmp_path):
    """A finding quotes the cell it is about; the cell's line breaks are escaped (\\r\\n, \\u{2028}),
    so that every finding is one FILE:LINE:COL line."""
    table = tmp_path / "multiline.csv"
    table.write_bytes((TABLES / "self-evaluation-multiline.csv").read_bytes().replace(b"\n", b"\r\n"))
    r = subprocess.run([jixiao_cli, "lint", table], capture_output=True)
    assert r.returncode == 0
    out = r.stdout.decode("utf-8")
    assert not any(c in out for c in ("\r", "\u2028", "\u2029"))
    lines = out.split("\n")
    assert lines[-1] == "" and lines[-2].startswith("1 file: 0 errors, ")
    assert all(l.startswith(f"{table}:") for l in lines[:-2])
    assert any("`社会\\r\\n救助`" in l for l in lines)
    assert any("`农村低保\\u{2028}保障人次`" in l for l in lines)
