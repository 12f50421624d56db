"""pandas conversions: values, tables, scorecards and diagnostics as DataFrames.

The columns come from C++ in one call (``_core.parse_columns``, ``Table._columns``,
``Scorecard._columns``); this module only names them (in Chinese, as the tables do) and sets
their dtypes.  No per-row Python loop over indicators or cells.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Iterable, List

import numpy as np
import pandas as pd

from . import _core

#: 指标性质 as the provincial exports write it.
_OP_ZH = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "range": "区间", "": ""}
#: 指标值类型.
_KIND_ZH = {"number": "定量", "qualitative": "定性", "date": "时间", "empty": "空", "invalid": "无效"}

#: Table.to_pandas(): (English key from Table._columns, Chinese column name).
TABLE_COLUMNS = [
    ("function_no", "职能编号"), ("function", "职能"), ("level1", "一级指标"), ("level2", "二级指标"),
    ("sequence", "序号"), ("name", "三级指标"), ("target", "指标值"), ("op", "指标性质"), ("value", "目标值"),
    ("upper", "目标上限"), ("unit", "度量单位"), ("kind", "指标值类型"), ("direction", "指标方向"),
]
#: Added for self-evaluation tables (and target tables with actuals merged).
ACTUAL_COLUMNS = [
    ("actual", "实际完成值"), ("actual_value", "实际值"), ("weight", "分值"), ("score", "得分"),
    ("deviation", "偏差原因分析及改进措施"),
]
TRAILING_COLUMNS = [("level1_kind", "一级指标类别"), ("level2_kind", "二级指标类别"), ("line", "行号")]

PARSE_COLUMNS = ["raw", "kind", "op", "value", "upper", "number", "multiplier", "unit", "text"]
DIAGNOSTIC_COLUMNS = ["code", "severity", "message", "file", "line", "column", "length", "hint"]


def parse_values(cells: Any) -> pd.DataFrame:
    """Parses a whole column of cells (指标值) in one C++ call; one row per cell.

    ``cells``: a pandas Series, a list or any iterable of str (None or NaN for an empty cell).
    Columns: raw (str), kind (category: empty, number, qualitative, date, invalid), op (category:
    >=, >, <=, <, =, range; NaN for none), value, upper, number, multiplier (float64; value is
    number × multiplier, NaN when not a number), unit, text (str).  A Series keeps its index.

    >>> df = jixiao.parse_values(pd.Series(["≥10141人次", "≤202.6万元", "稳步提升", None]))
    >>> df[["kind", "op", "value", "unit"]].values.tolist()
    [['number', '>=', 10141.0, '人次'], ['number', '<=', 2026000.0, '元'], ['qualitative', nan, nan, ''], ['empty', nan, nan, '']]
    """
    index = None
    if isinstance(cells, (pd.DataFrame, Mapping)):
        # Iterating either gives its labels, not its cells: refuse rather than parse the labels.
        raise TypeError(f"parse_values: expected one column of cells (a Series or a list), not a "
                        f"{type(cells).__name__}; pick the column, e.g. frame['指标值']")
    if isinstance(cells, pd.Series):
        index = cells.index
        cells = cells.to_numpy(dtype=object, na_value=None)  # pd.NA of a string Series: an empty cell
    elif isinstance(cells, np.ndarray) and cells.dtype != object:
        cells = cells.astype(object)
    elif not isinstance(cells, (list, tuple, np.ndarray)):
        if isinstance(cells, (str, bytes)):
            raise TypeError("parse_values: expected an iterable of str (a list or Series), got a single "
                            f"{type(cells).__name__}; use parse_value for one cell")
        cells = list(cells)
    cols = _core.parse_columns(cells)
    frame = pd.DataFrame({
        "raw": cols["raw"],
        "kind": pd.Categorical.from_codes(cols["kind"], categories=cols["kind_categories"]),
        "op": pd.Categorical.from_codes(cols["op"], categories=cols["op_categories"]),
        "value": cols["value"], "upper": cols["upper"], "number": cols["number"],
        "multiplier": cols["multiplier"], "unit": cols["unit"], "text": cols["text"],
    }, columns=PARSE_COLUMNS, copy=False)
    if index is not None:
        frame.index = index
    return frame


def diagnostics_frame(diagnostics: Iterable["_core.Diagnostic"]) -> pd.DataFrame:
    """Diagnostics as a DataFrame: code, severity (category), message, file, line, column, length, hint.

    >>> t = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv")
    >>> jixiao.diagnostics_frame(t.diagnostics).groupby("severity").size()["warning"] > 0
    True
    """
    diagnostics = list(diagnostics)
    for d in diagnostics:
        if not isinstance(d, _core.Diagnostic):
            raise TypeError(f"diagnostics_frame: expected jixiao.Diagnostic items, not {type(d).__name__}")
    rows = [(d.code, d.severity.name, d.message, d.span.file, d.span.line, d.span.column, d.span.length, d.hint)
            for d in diagnostics]
    frame = pd.DataFrame(rows, columns=DIAGNOSTIC_COLUMNS)
    frame["severity"] = pd.Categorical(frame["severity"], categories=["info", "warning", "error"], ordered=True)
    for c in ("line", "column", "length"):
        frame[c] = frame[c].astype("int64")
    return frame


def _has_actuals(table: "_core.Table", cols: dict) -> bool:
    if table.kind == _core.TableKind.self_evaluation:
        return True
    return any(cols["actual"]) or not np.all(np.isnan(np.asarray(cols["weight"], dtype=float)))


def table_frame(table: "_core.Table") -> pd.DataFrame:
    """Table.to_pandas(): one row per indicator, Chinese column names (see TABLE_COLUMNS)."""
    cols = table._columns()
    spec = TABLE_COLUMNS + (ACTUAL_COLUMNS if _has_actuals(table, cols) else []) + TRAILING_COLUMNS
    data = {}
    for key, name in spec:
        col = cols[key]
        if key in ("function_no", "sequence"):
            data[name] = pd.array([v if v else None for v in col], dtype="Int64")
        elif key in ("value", "upper", "actual_value", "weight", "score"):
            data[name] = np.asarray(col, dtype="float64")
        elif key == "line":
            data[name] = np.asarray(col, dtype="int64")
        elif key == "op":
            data[name] = [_OP_ZH[v] for v in col]
        elif key == "kind":
            data[name] = pd.Categorical([_KIND_ZH[v] for v in col], categories=list(_KIND_ZH.values()))
        else:
            data[name] = col
    return pd.DataFrame(data, columns=[name for _, name in spec])


def table_dict(table: "_core.Table") -> dict:
    """Table.to_dict(): the JSON schema of docs/formats.md as dicts and lists."""
    return json.loads(table.to_json())


#: Scorecard.to_pandas() columns after the indicator's own (职能 … 实际完成值).
SCORE_COLUMNS = ["分值", "权重来源", "得分", "公布得分", "差异", "完成率", "计分方法", "档次", "说明", "诊断"]


def scorecard_frame(card: "_core.Scorecard", budget: bool = True) -> pd.DataFrame:
    """Scorecard.to_pandas(): one row per indicator, then the 预算执行率 row (``budget=True``)."""
    t = card.table._columns()
    c = card._columns()
    idx = np.asarray(c["indicator"], dtype="int64")
    pick = lambda key: [t[key][i] for i in idx]  # noqa: E731  (indices into the table's columns)
    frame = pd.DataFrame({
        "职能": pick("function"), "一级指标": pick("level1"), "二级指标": pick("level2"),
        "序号": pd.array([v if v else None for v in pick("sequence")], dtype="Int64"),
        "三级指标": pick("name"), "指标值": pick("target"), "实际完成值": pick("actual"),
        "分值": c["weight"], "权重来源": c["weight_source"], "得分": c["score"], "公布得分": c["published"],
        "差异": c["difference"], "完成率": c["ratio"], "计分方法": c["method"], "档次": c["tier"],
        "说明": c["explanation_zh"], "诊断": c["diagnostics"],
    })
    if budget and not np.isnan(card.budget.weight):
        b = card.budget
        row = {"职能": "", "一级指标": "预算执行率", "二级指标": "", "序号": pd.NA, "三级指标": "预算执行率",
               "指标值": "", "实际完成值": "", "分值": b.weight, "权重来源": "table" if card.table.budget else "policy",
               "得分": b.score, "公布得分": b.published, "差异": b.published - b.score, "完成率": b.ratio,
               "计分方法": b.method.name if b.method != _core.ScoreMethod.none else "", "档次": "",
               "说明": b.explanation_zh, "诊断": ",".join(d.code for d in b.diagnostics)}
        frame = pd.concat([frame, pd.DataFrame([row])], ignore_index=True)
        frame["序号"] = frame["序号"].astype("Int64")
    for col in ("分值", "得分", "公布得分", "差异", "完成率"):
        frame[col] = frame[col].astype("float64")
    return frame


def subtotals_frame(card: "_core.Scorecard", level: str = "level1") -> pd.DataFrame:
    """Scorecard.subtotals_frame(level): one row per subtotal of that level."""
    try:
        wanted = _core.SubtotalLevel.__members__[level]
    except KeyError:
        raise ValueError(f"subtotals_frame: level must be 'level2', 'level1' or 'function', not {level!r}") from None
    functions = [f.name.text for f in card.table.functions]
    rows = [(functions[s.function] if s.function >= 0 else "", s.level1, s.level2, s.weight, s.score, s.published,
             s.indicators, s.unscored) for s in card.subtotals if s.level == wanted]
    frame = pd.DataFrame(rows, columns=["职能", "一级指标", "二级指标", "分值", "得分", "公布得分", "指标数", "未计分"])
    for col in ("分值", "得分", "公布得分"):
        frame[col] = frame[col].astype("float64")
    for col in ("指标数", "未计分"):
        frame[col] = frame[col].astype("int64")
    return frame


def differences_frame(card: "_core.Scorecard") -> pd.DataFrame:
    """Scorecard.differences_frame(): published scores that differ from the rule scores."""
    rows = [(d.indicator if d.indicator is not None else -1, d.name, d.published, d.rule, d.difference)
            for d in card.differences]
    frame = pd.DataFrame(rows, columns=["指标索引", "三级指标", "公布得分", "规则得分", "差异"])
    frame["指标索引"] = frame["指标索引"].astype("int64")
    for col in ("公布得分", "规则得分", "差异"):
        frame[col] = frame[col].astype("float64")
    return frame
