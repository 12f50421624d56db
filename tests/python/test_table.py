"""jixiao.read_table and Table: the tree, DataFrames with Chinese column names, dicts, JSON,
diagnostics as objects and as a DataFrame, HTML."""
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

jixiao = pytest.importorskip("jixiao")

SAMPLE = "examples/data/civil-affairs-2024-targets.tsv"
SELF = "tests/data/tables/self-evaluation.tsv"
TARGET_COLUMNS = ["职能编号", "职能", "一级指标", "二级指标", "序号", "三级指标", "指标值", "指标性质", "目标值",
                  "目标上限", "度量单位", "指标值类型", "指标方向", "一级指标类别", "二级指标类别", "行号"]


def test_the_sample_gives_61_indicators_with_chinese_columns():
    t = jixiao.read_table(SAMPLE)
    df = t.to_pandas()
    assert df.shape == (61, len(TARGET_COLUMNS))
    assert list(df.columns) == TARGET_COLUMNS
    assert df.loc[0, ["职能", "一级指标", "二级指标", "序号", "三级指标", "指标值", "指标性质", "目标值", "度量单位"]].tolist() == \
        ["社会救助", "产出指标", "数量指标", 1, "城市低保", "≥10141人次", "≥", 10141.0, "人次"]
    dtypes = df.dtypes.astype(str).to_dict()
    assert dtypes["职能编号"] == dtypes["序号"] == "Int64"
    assert dtypes["目标值"] == dtypes["目标上限"] == "float64" and dtypes["行号"] == "int64"
    assert dtypes["指标值类型"] == "category" and dtypes["三级指标"] == "object"
    assert df["职能"].unique().tolist() == [f.name.text for f in t.functions] and len(t.functions) == 4
    assert (df["一级指标类别"] == "output").sum() > 0


def test_table_fields():
    t = jixiao.read_table(SAMPLE)
    assert t.kind == jixiao.TableKind.department_targets and t.year == 2024 and len(t) == 61
    assert t.field("部门(单位)名称") == "渚源县民政局" and t.field("单位名称") == "渚源县民政局" and t.field("无") == ""
    assert t.format == "tsv" and t.encoding == "utf-8" and len(t.goals) == 4
    i = t.indicators[0]
    assert (i.level1.text, i.level1_kind, i.name.text, i.target.value) == ("产出指标", jixiao.Level1.output, "城市低保", 10141.0)
    assert i.name.at.line == 12
    assert repr(t).startswith("<jixiao.Table department_targets '2024年部门整体支出绩效目标批复表': 61 indicators")


def test_diagnostics_as_objects_and_as_a_frame():
    t = jixiao.read_table(SAMPLE)
    assert not t.ok()
    codes = [d.code for d in t.diagnostics]
    assert "JX210" in codes and "JX211" in codes
    d = next(d for d in t.diagnostics if d.code == "JX210")
    assert d.span.file == SAMPLE and d.line == 50 and d.column == 14 and d.severity == jixiao.Severity.warning
    df = t.diagnostics_frame()
    assert list(df.columns) == ["code", "severity", "message", "file", "line", "column", "length", "hint"]
    assert len(df) == len(t.diagnostics)
    assert df["line"].dtype == np.int64 and str(df["severity"].dtype) == "category"
    assert df["severity"].cat.ordered and (df["severity"] >= "warning").sum() == sum(
        d.severity != jixiao.Severity.info for d in t.diagnostics)
    assert jixiao.diagnostics_frame([]).shape == (0, 8)


def test_self_evaluation_frame_has_actual_columns():
    df = jixiao.read_table(SELF).to_pandas()
    assert df.shape[0] == 8
    for c in ("实际完成值", "实际值", "分值", "得分", "偏差原因分析及改进措施"):
        assert c in df.columns
    assert df["分值"].sum() == 90 and df.loc[2, "得分"] == 9.05 and df.loc[2, "实际值"] == 8120.0
    assert pd.isna(df.loc[0, "职能编号"])  # a project table has no core functions


def test_text_bytes_and_path_inputs_read_alike(root):
    by_path = jixiao.read_table(Path(SELF))
    text = (root / SELF).read_text(encoding="utf-8")
    assert jixiao.read_table(text).to_json() == by_path.to_json()
    gbk = (root / "tests/data/tables/civil-affairs.gbk.csv").read_bytes()
    t = jixiao.read_table(gbk)
    assert t.encoding == "gb18030" and t.format == "csv" and len(t) == 61
    assert jixiao.read_table("tests/data/tables/civil-affairs.csv", format="csv").format == "csv"


def test_input_problems_are_diagnostics_and_misuse_raises():
    t = jixiao.read_table("no/such/table.tsv")
    assert len(t) == 0 and [d.code for d in t.diagnostics] == ["JX200"] and not t.ok()
    with pytest.raises(TypeError, match="expected a path"):
        jixiao.read_table(42)
    with pytest.raises(ValueError, match="unknown table format 'xml'"):
        jixiao.read_table(SAMPLE, format="xml")
    with pytest.raises(ValueError, match="unknown encoding"):
        jixiao.read_table(SAMPLE, encoding="latin-1")


def test_to_dict_and_to_json_round_trip():
    t = jixiao.read_table(SAMPLE)
    d = t.to_dict()
    assert d["format"] == "jixiao-table" and len(d["indicators"]) == 61
    assert d["indicators"][0]["target"]["value"] == 10141.0
    assert json.loads(t.to_json()) == d
    back = jixiao.Table.from_json(t.to_json())
    assert back.to_json() == t.to_json() and back.format == "json" and back.ok()


def test_html_repr_shows_rows_and_lights():
    html = jixiao.read_table(SAMPLE)._repr_html_()
    assert html.count("<tr>") == 62 and "城市低保" in html and "JX210" in html
    assert "#d2413a" in html and "#2e9d52" in html  # a red light (an error row) and a green one


def test_a_file_name_that_starts_with_a_brace_is_a_path(tmp_path):
    """Only `{` followed by a key or `}` is a JSON table's text; `{草稿}自评表.tsv` is a file."""
    import shutil
    path = tmp_path / "{草稿}自评表.tsv"
    shutil.copy("tests/data/tables/self-evaluation.tsv", path)
    t = jixiao.read_table(str(path))
    assert len(t) == 8 and t.file_name == str(path)
    assert len(jixiao.read_table('{"format": "jixiao-table", "version": 1, "indicators": []}')) == 0
