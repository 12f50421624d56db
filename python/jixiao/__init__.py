"""jixiao 绩效: budget performance management (预算绩效管理) in Python.

Read performance target tables (绩效目标表) and self-evaluation tables (绩效自评表), parse every
target value (指标值), and score self-evaluations by the Ministry of Finance rules::

    >>> import jixiao
    >>> t = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv")
    >>> t.to_pandas().shape[0]
    61
    >>> jixiao.parse_value("≤202.6万元").value
    2026000.0

The compiled core is jixiao._core (C++, pybind11); this module adds the pandas, Excel and
notebook conveniences.  Problems in the input are Diagnostic objects, never exceptions; misuse
of the API raises ValueError or TypeError.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from . import _core
from ._core import (
    Basis, BudgetLine, CalendarDate, Category, Comparator, CoreFunction, Diagnostic, Direction, DirectionSource,
    EqualRule, Goal, Grade, GradeThresholds, HeaderField, Indicator, IndicatorScore, Level1, Level1Weights, Level2,
    MergedCells, Recurrence, Redistribution, ReverseRule, ScoreDifference, Scorecard, ScorecardRow, ScoreMethod, ScoringPolicy,
    Severity, SourceLocation, SourceSpan, Subtotal, SubtotalLevel, Table, TableKind, Text, Tier, TierBands, Totals,
    Value, ValueKind, ValueParse, WeightSource, BatchResult, check_value, table_batch, classify_level1, classify_level2, grade, parse_value,
    round_half_up, rule_fraction, score_budget, score_indicator,
)
from ._batch import score_batch, score_frame
from ._convert import diagnostics_frame, parse_values
from ._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "__version__",
    # values
    "parse_value", "parse_values", "check_value", "Value", "ValueParse", "ValueKind", "Comparator", "Category",
    "CalendarDate", "Basis", "Recurrence",
    # tables
    "read_table", "Table", "Indicator", "CoreFunction", "Goal", "HeaderField", "BudgetLine", "Totals", "Text",
    "SourceLocation", "MergedCells", "Level1", "Level2", "Direction", "TableKind", "classify_level1", "classify_level2",
    # diagnostics
    "Diagnostic", "Severity", "SourceSpan", "diagnostics_frame",
    # scoring
    "score", "Scorecard", "ScorecardRow", "Subtotal", "SubtotalLevel", "ScoreDifference", "WeightSource",
    "ScoringPolicy", "Level1Weights", "TierBands", "GradeThresholds", "IndicatorScore", "ScoreMethod", "Tier",
    "Grade", "ReverseRule", "EqualRule", "Redistribution", "DirectionSource", "score_indicator", "score_budget",
    "grade", "round_half_up", "rule_fraction",
    # reports
    "report",
    # batch scoring (Eigen)
    "score_batch", "score_frame", "table_batch", "BatchResult",
]

PathOrText = Union[str, bytes, "os.PathLike[str]"]
_EXCEL = (".xlsx", ".xlsm", ".xls")


def _is_text(source: Any) -> bool:
    """Whether a str or bytes argument is a table's (or actuals file's) text rather than a path:
    bytes, or a str holding a line break or a tab, or one that opens a JSON object."""
    if isinstance(source, bytes):
        return True
    if not isinstance(source, str):
        return False
    if "\n" in source or "\t" in source:
        return True
    # A JSON table opens an object with a key or `}` (as the C++ reader decides); a file name
    # such as `{草稿}自评表.tsv` does not.
    rest = source.lstrip()
    return rest.startswith("{") and rest[1:].lstrip()[:1] in ('"', "}", "")


def read_table(source: PathOrText, *, format: str = "auto", encoding: str = "auto",
               sheet: Union[int, str] = 0) -> Table:
    """Reads a target or self-evaluation table into a Table; problems become its diagnostics.

    ``source`` is a path (TSV, CSV, jixiao JSON, or an Excel workbook .xlsx/.xls) or the table's
    text itself (a str holding a line break or a tab, or bytes).  A path that does not exist is a
    JX200 diagnostic, as in the C++ reader.  ``format`` is 'auto', 'tsv', 'csv' or 'json';
    ``encoding`` 'auto', 'utf-8' or 'gb18030'/'gbk'; ``sheet`` picks an Excel sheet by index or name.
    Merged cells in Excel are read as docs/formats.md (*Excel workbooks*) says.

    >>> t = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv")
    >>> len(t), t.ok(), [d.code for d in t.diagnostics][:2]
    (61, False, ['JX211', 'JX210'])
    >>> jixiao.read_table("一级指标\\t二级指标\\t三级指标\\t指标值\\n产出指标\\t数量指标\\t受益人数\\t≥100人\\n").indicators[0].target.value
    100.0
    """
    if _is_text(source):
        return _core.read_table_text(source, format, encoding)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"read_table: expected a path, the table's text or bytes, not {type(source).__name__}")
    path = Path(source)
    if path.suffix.lower() in _EXCEL:
        from ._excel import read_excel_table
        return read_excel_table(path, sheet=sheet, format=format)
    return _core.read_table_file(str(path), format, encoding)


def score(table: Union[Table, PathOrText], actuals: Union[None, PathOrText, "pandas.DataFrame"] = None,
          policy: Union[str, ScoringPolicy, dict, None] = "mof2020") -> Scorecard:
    """Scores a self-evaluation by the rules: every indicator, subtotals, budget row, total and grade.

    ``table`` is a Table or anything read_table reads.  ``actuals`` (实际完成值) merged into a
    target table first: a CSV path, CSV text, or a DataFrame with the actuals file's columns.
    ``policy`` is a preset name ('mof2020', 'hubei'), a ScoringPolicy, or a dict in the JSON form of
    docs/scoring.md; an unknown name is a ValueError.

    >>> card = jixiao.score("tests/data/tables/self-evaluation.tsv")
    >>> card.total, card.grade.chinese()
    (98.59, '优')
    >>> jixiao.score("tests/data/tables/self-evaluation.tsv", policy="hubei").grade is None
    True
    """
    if not isinstance(table, Table):
        table = read_table(table)
    if actuals is not None:
        table = _apply_actuals(table, actuals)
    return _core.score_table(table, policy)


def report(table: Union[Table, PathOrText], actuals: Union[None, PathOrText, "pandas.DataFrame"] = None,
           policy: Union[str, ScoringPolicy, dict, None] = "mof2020", format: Optional[str] = None,
           lang: str = "zh", path: Union[None, str, "os.PathLike[str]"] = None) -> Union[str, list]:
    """The report ``jixiao report`` writes, from the C++ library (docs/reports.md).

    ``format`` is 'html' (one self-contained page with charts and traffic lights), 'md', 'json'
    or 'xlsx' (the official 自评表 workbook, which needs ``path``); by default it follows the
    extension of ``path``, else 'html'.  Returns the text (also written to ``path`` when given), or
    for 'xlsx' the list of I/O problems (empty when the file was written).  ``actuals`` and
    ``policy`` as for :func:`score`; findings are the reader's diagnostics and lint's.  PDF is
    printed by Chromium: use ``jixiao report … -o OUT.pdf``.

    >>> html = jixiao.report("tests/data/tables/self-evaluation.tsv")
    >>> "<svg" in html and "98.59" in html
    True
    """
    source = ""
    if not isinstance(table, Table):
        source = "" if _is_text(table) or not isinstance(table, (str, os.PathLike)) else str(table)
        table = read_table(table)
    if actuals is not None:
        table = _apply_actuals(table, actuals)
    if format is None:
        format = Path(path).suffix.lower().lstrip(".") if path is not None else "html"
        format = {"htm": "html", "markdown": "md"}.get(format, format)
    if format == "pdf":
        raise ValueError("report: PDF is printed by Chromium; use the CLI: jixiao report FILE -o OUT.pdf")
    if format == "xlsx":
        if path is None:
            raise ValueError("report: an Excel report needs a path")
        return _core.write_report_xlsx(table, str(path), policy, lang, source)
    if format not in ("html", "md", "json"):
        raise ValueError(f"report: format must be 'html', 'md', 'json' or 'xlsx', not {format!r}")
    text = _core.report_text(table, format, policy, lang, source)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _apply_actuals(table: Table, actuals: Any) -> Table:
    """The target table with the actuals merged in (its diagnostics then the actuals file's)."""
    source = ""
    if hasattr(actuals, "to_csv") and hasattr(actuals, "columns"):  # a pandas DataFrame
        frame = actuals.copy()
        for c in frame.columns:  # 序号 read by pandas as 1.0 (a column with blanks): write 1
            col = frame[c]
            if col.dtype.kind == "f" and ((col.dropna() % 1) == 0).all():
                frame[c] = col.astype("Int64")
        text: Union[str, bytes] = frame.to_csv(index=False)
        source = "<DataFrame>"
    elif _is_text(actuals):
        text = actuals
    elif isinstance(actuals, (str, os.PathLike)):
        path = Path(actuals)
        if not path.is_file():
            raise ValueError(f"score: the actuals file {str(path)!r} does not exist")
        text, source = path.read_bytes(), str(path)
    else:
        raise TypeError(f"score: actuals must be a CSV path, CSV text or a pandas DataFrame, not {type(actuals).__name__}")
    merged, _applied, _missing = _core.apply_actuals_text(table, text, source)
    return merged
