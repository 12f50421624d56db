"""Batch scoring on numpy arrays and on DataFrames (the C++ work is jixiao._core.score_batch)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence, Union

import numpy as np

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas

GRADE_NAMES = {0: "优", 1: "良", 2: "中", 3: "差"}


def _is_missing(v: Any) -> bool:
    """None and pandas' NA: missing cells, as NaN is."""
    if v is None:
        return True
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional here
        return False
    return v is pd.NA or v is pd.NaT


def _floats(x: Any, name: str) -> np.ndarray:
    """float64 numbers, with None and pandas' NA (nullable dtypes, object columns) as NaN; a
    float64 array is returned as is (no copy).  Booleans and text are refused, naming ``name``."""
    if hasattr(x, "to_numpy") and type(x).__module__.startswith("pandas"):
        try:  # a Series or DataFrame: its NA become NaN
            x = x.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            x = x.to_numpy(dtype=object)
    if x is None or isinstance(x, (str, bytes, dict)):
        raise TypeError(f"score_batch: {name} must be numbers (an array), not {type(x).__name__}")
    a = np.asarray(x)
    if a.dtype == np.float64:
        return a
    if a.dtype.kind == "b":
        raise TypeError(f"score_batch: {name} holds booleans, not numbers")
    if a.dtype.kind in "USV":
        first = a.ravel()[0] if a.size else ""
        raise TypeError(f"score_batch: {name} must hold numbers (NaN, None or pd.NA for a missing cell), "
                        f"not text such as {str(first)!r}")
    if a.dtype.kind == "O":
        cells = a.ravel()
        text = next((v for v in cells if isinstance(v, (str, bytes, bool, np.bool_))), None)
        if text is not None:
            raise TypeError(f"score_batch: {name} must hold numbers (NaN, None or pd.NA for a missing cell), "
                            f"not {text!r}")
        a = np.array([np.nan if _is_missing(v) else v for v in cells], dtype=object).reshape(a.shape)
    try:
        return a.astype(np.float64)
    except (TypeError, ValueError) as e:
        raise TypeError(f"score_batch: {name} must hold numbers (NaN, None or pd.NA for a missing cell): {e}") from None


def _matrix(x: Any, name: str) -> np.ndarray:
    """A float64 2-D array; a C-contiguous float64 input is returned as is (no copy)."""
    a = _floats(x, name)
    if a.ndim != 2:
        raise ValueError(f"score_batch: {name} must be 2-D (entities × columns), not {a.ndim}-D")
    return a


def _vector(x: Any, name: str) -> np.ndarray:
    if x is None:
        return np.empty(0)
    a = _floats(x, name)
    if a.ndim != 1:
        raise ValueError(f"score_batch: {name} must be 1-D, not {a.ndim}-D")
    return a


def _codes(x: Any, name: str) -> Any:
    """Whole numbers (directions, kinds, group numbers) as int64; floats that are whole numbers
    (as a CSV column read by pandas gives them) are accepted, anything else is an error naming
    ``name``.  None stays None (the default)."""
    if x is None:
        return None
    if hasattr(x, "to_numpy"):
        x = x.to_numpy()
    a = np.asarray(x)
    if a.ndim != 1:
        raise ValueError(f"score_batch: {name} must be 1-D (one entry per column or group), not {a.ndim}-D")
    if a.dtype.kind in "iu":
        return a.astype(np.int64)
    if a.dtype.kind == "f" or (a.dtype.kind == "O" and a.size and all(isinstance(v, (int, float, np.number)) for v in a)):
        f = a.astype(np.float64)
        bad = ~np.isfinite(f) | (f != np.round(f)) | (np.abs(f) > 2.0**31)
        if bad.any():
            j = int(np.argmax(bad))
            raise ValueError(f"score_batch: {name}[{j}] is {a[j]!r}, not a whole number of a group or code")
        return f.astype(np.int64)
    if a.size == 0:
        return a.astype(np.int64)
    raise TypeError(f"score_batch: {name} must hold whole numbers, not {a.dtype} values")


def _names(names: Any, what: str) -> Optional[list]:
    """Group names as a list of str, in order; None stays None."""
    if names is None:
        return None
    if isinstance(names, (str, bytes, set, frozenset, dict)) or not hasattr(names, "__iter__"):
        raise TypeError(f"score_batch: {what} must be a sequence of names in group order, not {type(names).__name__}")
    names = list(names)
    if not all(isinstance(n, str) for n in names):
        raise TypeError(f"score_batch: {what} must hold str names")
    return names


def _policies(policy: Any) -> Any:
    """A preset name, a ScoringPolicy or a dict as given; any other iterable (an array, a
    generator) as the list of policies it holds."""
    if isinstance(policy, (str, bytes, dict, list, tuple, _core.ScoringPolicy)) or policy is None:
        return policy
    if hasattr(policy, "__iter__"):
        return list(policy.tolist() if isinstance(policy, np.ndarray) else policy)
    return policy


def score_batch(targets: Any, actuals: Any, weights: Any, directions: Any = None, kinds: Any = None,
                policy: Any = "mof2020", *, level2: Any = None, level1: Any = None, uppers: Any = None,
                budget_full_year: Any = None, budget_executed: Any = None, budget_weights: Any = None,
                level2_names: Optional[Sequence[str]] = None,
                level1_names: Optional[Sequence[str]] = None) -> Union["_core.BatchResult", list]:
    """Scores N entities × M indicator columns in one C++ pass; numpy arrays in, numpy arrays out.

    ``targets``, ``actuals`` (and ``uppers``, for range columns) are N × M; C-contiguous float64
    arrays are not copied.  ``weights`` is M (one policy) or K × M (one row per policy in the list
    ``policy``).  ``directions``: 1 (≥, the default), -1 (≤), 0 (=) per column.  ``kinds``: 0 a
    quantity (default), 1 a range [target, upper], 2 a fraction already earned (a tier: 1, 0.7, 0.3).
    ``level2`` numbers each column's level-2 group, ``level1`` each level-2 group's level-1 group.
    NaN cells are masked, not 0.  Returns a BatchResult (a list of them for a list of policies)
    whose ``leaf``, ``level2``, ``level1``, ``budget``, ``total``, ``grade``, ``rank`` and
    ``unscored`` are numpy arrays.  See also :func:`score_frame` for DataFrames.

    >>> import numpy as np, jixiao
    >>> r = jixiao.score_batch([[100.0, 50.0], [100.0, 50.0]], [[98.0, 60.0], [100.0, 40.0]], [30.0, 20.0],
    ...                        directions=[1, -1])
    >>> r.leaf.tolist(), r.total.tolist(), r.rank.tolist()
    ([[29.4, 16.0], [30.0, 20.0]], [45.4, 50.0], [2, 1])
    """
    t = _matrix(targets, "targets")
    a = _matrix(actuals, "actuals")
    w = _floats(weights, "weights")
    if w.ndim == 1:
        w = w.reshape(1, -1)
    if w.ndim != 2:
        raise ValueError(f"score_batch: weights must be M weights (one policy) or K × M (one row per policy), "
                         f"not {w.ndim}-D")
    u = np.empty((0, 0)) if uppers is None else _matrix(uppers, "uppers")
    level2_names = _names(level2_names, "level2_names")
    level1_names = _names(level1_names, "level1_names")
    return _core.score_batch(t, a, w, _codes(directions, "directions"), _codes(kinds, "kinds"), _policies(policy),
                             level2=_codes(level2, "level2"), level1=_codes(level1, "level1"), uppers=u,
                             budget_full_year=_vector(budget_full_year, "budget_full_year"),
                             budget_executed=_vector(budget_executed, "budget_executed"),
                             budget_weights=_vector(budget_weights, "budget_weights"),
                             level2_names=level2_names, level1_names=level1_names)


def score_frame(targets: "pandas.DataFrame", actuals: "pandas.DataFrame", weights: Any,
                directions: Any = None, kinds: Any = None, policy: Any = "mof2020", *,
                level2: Any = None, level1: Any = None, level1_names: Optional[Sequence[str]] = None,
                uppers: Optional["pandas.DataFrame"] = None, budget_full_year: Any = None,
                budget_executed: Any = None) -> "pandas.DataFrame":
    """score_batch for DataFrames: one row per entity (department, year, scenario), one column per
    indicator; ``actuals`` (and ``uppers``) are aligned to ``targets`` by index and columns, a
    label missing from actuals giving masked cells (an error when no label matches at all).
    ``weights``, ``directions`` and ``kinds`` may be Series indexed by the indicator columns, the
    budget columns Series indexed like ``targets``; nullable dtypes' NA are missing cells.  Returns a
    DataFrame indexed like ``targets`` with 总分 (total), 评级 (grade), 排名 (rank), 未评分 (masked
    cells), 预算执行率得分 (budget) and one column per level-1 group (``level1_names``).

    >>> import pandas as pd, jixiao
    >>> t = pd.DataFrame({"受益人数": [100.0, 100.0], "满意度": [90.0, 90.0]}, index=["甲局", "乙局"])
    >>> a = pd.DataFrame({"受益人数": [98.0, 100.0], "满意度": [95.0, 81.0]}, index=["甲局", "乙局"])
    >>> jixiao.score_frame(t, a, pd.Series({"受益人数": 50.0, "满意度": 40.0}))["总分"].tolist()
    [89.0, 86.0]
    """
    import pandas as pd

    for frame, what in ((targets, "targets"), (actuals, "actuals"), (uppers, "uppers")):
        if frame is not None and not isinstance(frame, pd.DataFrame):
            raise TypeError(f"score_frame: {what} must be a pandas DataFrame (score_batch takes arrays), "
                            f"not {type(frame).__name__}")
    if level1_names is not None:
        level1_names = _names(level1_names, "level1_names")
    columns = list(targets.columns)
    # Labels that match nothing would leave every cell masked and every entity at 0: a mistake.
    if len(targets.index) and not targets.index.isin(actuals.index).any():
        raise ValueError("score_frame: no row label of targets is in actuals' index (they are aligned by label)")
    if len(columns) and not pd.Index(columns).isin(actuals.columns).any():
        raise ValueError("score_frame: no column of targets is in actuals' columns (they are aligned by label)")
    a = actuals.reindex(index=targets.index, columns=columns)

    def per_entity(x: Any, name: str) -> Any:
        """A budget column: a Series is aligned to targets' rows by label, like actuals."""
        if isinstance(x, pd.Series):
            missing = [i for i in targets.index if i not in x.index]
            if missing:
                raise ValueError(f"score_frame: {name} has no entry for {missing[:3]}")
            return x.reindex(targets.index)
        return x

    def per_column(x: Any, name: str) -> Any:
        if x is None:
            return None
        if isinstance(x, pd.Series):
            missing = [c for c in columns if c not in x.index]
            if missing:
                raise ValueError(f"score_frame: {name} has no entry for {missing[:3]}")
            return x.reindex(columns).to_numpy()
        return np.asarray(x)

    w = per_column(weights, "weights")
    u = None if uppers is None else uppers.reindex(index=targets.index, columns=columns)
    result = score_batch(targets, a, w, per_column(directions, "directions"),
                         per_column(kinds, "kinds"), policy, level2=per_column(level2, "level2"), level1=level1,
                         uppers=u, budget_full_year=per_entity(budget_full_year, "budget_full_year"),
                         budget_executed=per_entity(budget_executed, "budget_executed"))
    if isinstance(result, list):
        raise ValueError("score_frame: give one policy (use score_batch for several)")
    out = pd.DataFrame(index=targets.index)
    out["总分"] = result.total
    out["评级"] = pd.Categorical([GRADE_NAMES.get(int(g)) for g in result.grade], categories=["优", "良", "中", "差"])
    out["排名"] = result.rank
    out["未评分"] = result.unscored
    out["预算执行率得分"] = result.budget
    names = list(level1_names) if level1_names is not None else [f"一级指标{h + 1}" for h in range(result.level1.shape[1])]
    if len(names) != result.level1.shape[1]:
        raise ValueError(f"score_frame: {len(names)} level1_names for {result.level1.shape[1]} level-1 groups")
    for h, name in enumerate(names):
        out[name] = result.level1[:, h]
    return out
