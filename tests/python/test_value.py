"""jixiao.parse_value, check_value and parse_values (the column parser)."""
import math

import numpy as np
import pandas as pd
import pytest

jixiao = pytest.importorskip("jixiao")


def test_parse_value_splits_a_number():
    v = jixiao.parse_value("≤202.6万元")
    assert v.kind == jixiao.ValueKind.number and v.op == jixiao.Comparator.le
    assert (v.number, v.multiplier, v.value, v.unit) == (202.6, 10000.0, 2026000.0, "元")
    assert str(v) == "≤202.6万元" and str(v.op) == "<=" and str(v.kind) == "number"
    assert repr(v) == "Value('≤202.6万元', kind=number, op='<=', value=2026000.0, unit='元')"


def test_parse_value_qualitative_date_and_invalid():
    q = jixiao.parse_value("稳步提升")
    assert q.kind == jixiao.ValueKind.qualitative and q.category == jixiao.Category.improve and q.text == "稳步提升"
    d = jixiao.parse_value("2023年12月底")
    assert d.kind == jixiao.ValueKind.date and d.date.to_iso() == "2023-12-31" and d.date.month_end
    bad = jixiao.parse_value("3人/年/6.3")
    assert bad.kind == jixiao.ValueKind.invalid and math.isnan(bad.value)


def test_check_value_reports_diagnostics_with_columns():
    r = jixiao.check_value("3人/年/6.3")
    assert not r.ok()
    d = r.diagnostics[0]
    assert (d.code, d.severity, d.span.column, d.span.line) == ("JX103", jixiao.Severity.error, 5, 0)
    assert str(d).startswith("column 5: error JX103:")
    assert jixiao.check_value("≥95%").ok() and jixiao.check_value("≥95%").diagnostics == []


def test_parse_value_type_errors():
    with pytest.raises(TypeError):
        jixiao.parse_value(95)


CELLS = ["≥10141人次", "≤202.6万元", "95%以上", "稳步提升", None, float("nan"), "80%-90%", "十余万", "2023年12月底",
         "3人/年/6.3", "", "≥**%"]


def test_parse_values_columns_and_dtypes():
    df = jixiao.parse_values(CELLS)
    assert list(df.columns) == ["raw", "kind", "op", "value", "upper", "number", "multiplier", "unit", "text"]
    assert df.shape == (len(CELLS), 9)
    assert str(df["kind"].dtype) == "category" and str(df["op"].dtype) == "category"
    assert list(df["kind"].cat.categories) == ["empty", "number", "qualitative", "date", "invalid"]
    assert list(df["op"].cat.categories) == [">=", ">", "<=", "<", "=", "range"]
    for c in ("value", "upper", "number", "multiplier"):
        assert df[c].dtype == np.float64
    for c in ("raw", "unit", "text"):
        assert df[c].dtype == object
    assert df.loc[1, ["op", "value", "unit"]].tolist() == ["<=", 2026000.0, "元"]
    assert df.loc[6, ["op", "value", "upper", "unit"]].tolist() == ["range", 80.0, 90.0, "%"]
    assert pd.isna(df.loc[3, "op"]) and df.loc[3, "text"] == "稳步提升"
    # None and NaN are empty cells with an empty raw text.
    assert df.loc[4, ["raw", "kind"]].tolist() == ["", "empty"] and df.loc[5, "kind"] == "empty"
    assert df.loc[9, "kind"] == "invalid"


def test_parse_values_agrees_with_parse_value_cell_by_cell(root):
    cells = [l for l in (root / "tests/data/value_corpus.txt").read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    df = jixiao.parse_values(pd.Series(cells))
    assert len(df) == len(cells) > 100
    for i, cell in enumerate(cells):
        v = jixiao.parse_value(cell)
        row = df.iloc[i]
        assert row["raw"] == cell and row["kind"] == v.kind.name
        assert (row["op"] if not pd.isna(row["op"]) else "") == str(v.op)
        for c in ("value", "upper", "number", "multiplier"):
            a, b = row[c], getattr(v, c)
            assert (math.isnan(a) and math.isnan(b)) or a == b, (cell, c)
        assert (row["unit"], row["text"]) == (v.unit, v.text), cell


def test_parse_values_keeps_a_series_index_and_accepts_iterables():
    s = pd.Series(["≥1人", "≤2元"], index=["a", "b"], name="指标值")
    df = jixiao.parse_values(s)
    assert list(df.index) == ["a", "b"]
    assert jixiao.parse_values(x for x in ["≥1人"]).loc[0, "value"] == 1.0
    assert jixiao.parse_values(np.array(["≥1人", "≤2元"])).loc[1, "unit"] == "元"
    assert jixiao.parse_values(pd.Series(["≥1人", None], dtype="string")).loc[1, "kind"] == "empty"
    assert jixiao.parse_values([]).shape == (0, 9)


def test_parse_values_misuse_raises():
    with pytest.raises(TypeError, match="single str"):
        jixiao.parse_values("≥1人")
    with pytest.raises(TypeError, match="cell 1 is int"):
        jixiao.parse_values(["≥1人", 5])
    with pytest.raises(TypeError):
        jixiao.parse_values(5)
    # Iterating these gives labels, not cells: refused rather than parsed.
    with pytest.raises(TypeError, match="one column of cells"):
        jixiao.parse_values(pd.DataFrame({"指标值": ["≥1人"]}))
    with pytest.raises(TypeError, match="one column of cells"):
        jixiao.parse_values({"a": "≥1人"})
