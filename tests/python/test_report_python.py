"""jixiao.report: the C++ reports from Python, the same bytes as `jixiao report` writes."""
import json
import subprocess

import pytest

jixiao = pytest.importorskip("jixiao")

SELF = "tests/data/tables/self-evaluation.tsv"
SAMPLE = "examples/data/civil-affairs-2024-targets.tsv"
ACTUALS = "examples/data/civil-affairs-2024-actuals.csv"


def test_html_markdown_json(root, tmp_path):
    html = jixiao.report(root / SELF)
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "98.59" in html and "<script" not in html
    md = jixiao.report(root / SELF, format="md", lang="en")
    assert "98.59" in md and "|" in md
    out = tmp_path / "r.json"
    text = jixiao.report(root / SAMPLE, actuals=root / ACTUALS, path=out)
    assert out.read_text(encoding="utf-8") == text
    doc = json.loads(text)
    assert doc["total"]["score"] == 87.69 and doc["total"]["unscored"] == 5
    assert {"JX330", "JX371"} <= {f["code"] for f in doc["findings"]}


def test_the_same_report_as_the_cli(root, tmp_path, jixiao_cli):
    cli = tmp_path / "cli.md"
    subprocess.run([jixiao_cli, "report", str(root / SELF), "-o", str(cli)], check=True)
    assert jixiao.report(root / SELF, path=tmp_path / "py.md") == cli.read_text(encoding="utf-8")


def test_xlsx_reads_back(root, tmp_path):
    path = tmp_path / "自评表.xlsx"
    assert jixiao.report(root / SELF, path=path) == []
    back = jixiao.read_table(path)
    assert [i.name.text for i in back.indicators] == [i.name.text for i in jixiao.read_table(root / SELF).indicators]
    assert [d.code for d in jixiao.report(root / SELF, path=tmp_path / "no" / "such" / "dir.xlsx")] == ["JX200"]


def test_misuse(root):
    with pytest.raises(ValueError, match="Chromium"):
        jixiao.report(root / SELF, format="pdf")
    with pytest.raises(ValueError, match="needs a path"):
        jixiao.report(root / SELF, format="xlsx")
    with pytest.raises(ValueError, match="lang"):
        jixiao.report(root / SELF, lang="fr")


def test_table_text_is_not_a_file_name(root):
    # A table given as its text (TSV, or jixiao JSON even on one line) has no file name to report.
    tsv = (root / SELF).read_text(encoding="utf-8")
    as_json = json.dumps(json.loads(jixiao.read_table(root / SELF).to_json()), ensure_ascii=False)
    assert json.loads(jixiao.report(root / SELF, format="json"))["file"].endswith("self-evaluation.tsv")
    for text in (tsv, as_json):
        assert json.loads(jixiao.report(text, format="json"))["file"] == ""
