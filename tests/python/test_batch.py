"""jixiao.score_batch / score_frame / table_batch: numpy in and out without copies, the same
numbers as jixiao.score, DataFrames, and clear errors for misuse."""
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

jixiao = pytest.importorskip("jixiao")
from jixiao import _core  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "tests" / "data" / "tables"
EXAMPLES = ROOT / "examples" / "data"


def test_large_inputs_are_read_in_place():
    """A 100,000 × 60 C-order float64 array reaches the C++ side at its own address: no copy."""
    big = np.random.default_rng(1).random((100_000, 60))
    assert _core._array_address(big) == big.ctypes.data
    actuals = big * 1.1
    assert _core._array_address(actuals) == actuals.ctypes.data
    r = jixiao.score_batch(big, actuals, np.full(60, 1.5))
    assert r.leaf.shape == (100_000, 60)
    # A Fortran-order or integer array cannot be viewed as row-major float64: it is converted.
    fortran = np.asfortranarray(big[:1000])
    assert _core._array_address(fortran) != fortran.ctypes.data


def test_results_are_numpy_views_of_the_result():
    r = jixiao.score_batch(np.ones((3, 2)), np.ones((3, 2)), [5.0, 5.0])
    assert isinstance(r.leaf, np.ndarray) and r.leaf.dtype == np.float64
    assert not r.leaf.flags.owndata  # a view on the C++ result, kept alive by it
    assert r.total.tolist() == [10.0, 10.0, 10.0]
    assert r.grade.dtype == np.int8 and r.rank.dtype == np.int32
    assert r.rank.tolist() == [1, 1, 1]
    # The same memory at every access (not a copy each time), read-only, alive while a view is.
    leaf = r.leaf
    assert leaf.ctypes.data == r.leaf.ctypes.data and r.total.ctypes.data == r.total.ctypes.data
    assert not leaf.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        leaf[0, 0] = 1.0
    del r
    assert leaf.sum() == 30.0


def test_results_pickle_for_other_processes():
    import copy
    import pickle

    r = jixiao.score_batch([[100.0, 50.0], [90.0, np.nan]], [[98.0, 60.0], [95.0, 1.0]], [30.0, 20.0],
                           directions=[1, -1], policy="hubei")
    for back in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r)):
        assert back.policy == r.policy == "hubei"
        for name in ("leaf", "level2", "level1", "budget", "total", "unscored", "grade", "rank"):
            mine, theirs = getattr(r, name), getattr(back, name)
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs, equal_nan=True), name


def test_rules_masks_and_two_policies():
    targets = np.array([[100.0, 50.0, np.nan, 80.0], [100.0, 50.0, np.nan, 80.0]])
    actuals = np.array([[98.0, 60.0, 0.7, 60.0], [np.nan, 50.0, 1.0, 99.0]])
    uppers = np.array([[np.nan, np.nan, np.nan, 90.0], [np.nan, np.nan, np.nan, 90.0]])
    weights = np.array([[30.0, 20.0, 10.0, 30.0], [20.0, 20.0, 20.0, 20.0]])
    mof, ratio = jixiao.score_batch(targets, actuals, weights, directions=[1, -1, 1, 1], kinds=[0, 0, 2, 1],
                                    policy=["mof2020", {"reverse": "ratio"}], level2=[0, 0, 1, 2], level1=[0, 0, 1],
                                    uppers=uppers, budget_full_year=[100.0, 100.0], budget_executed=[95.0, 120.0])
    assert mof.leaf[0].tolist() == [29.4, 16.0, 7.0, 22.5]
    assert math.isnan(mof.leaf[1, 0]) and mof.unscored.tolist() == [0, 1]
    assert mof.level2[0].tolist() == [45.4, 7.0, 22.5]
    assert mof.level1[0].tolist() == [52.4, 22.5]
    assert mof.budget.tolist() == [9.5, 10.0]
    assert mof.total.tolist() == [84.4, 67.0]
    assert mof.grade.tolist() == [1, 2]
    assert ratio.leaf[0, 1] == 16.67  # 20 × 50 / 60


def test_a_table_as_a_batch_of_one_gives_the_scorecards_numbers():
    for card in (jixiao.score(TABLES / "self-evaluation.tsv"),
                 jixiao.score(EXAMPLES / "civil-affairs-2024-targets.tsv",
                              actuals=EXAMPLES / "civil-affairs-2024-actuals.csv"),
                 jixiao.score(TABLES / "self-evaluation.tsv", policy="hubei")):
        b = jixiao.table_batch(card)
        b.pop("level2_names"), b.pop("level1_names")
        r = jixiao.score_batch(b.pop("targets"), b.pop("actuals"), b.pop("weights"), policy=card.policy, **b)
        assert r.total[0] == card.total
        rule = card.to_pandas(budget=False)
        scored = ~np.isnan(r.leaf[0])
        assert scored.sum() == len(card.rows) - card.unscored
        assert np.array_equal(r.leaf[0][scored], np.array([row.score.score for row in card.rows])[scored])
        assert len(rule) == len(card.rows)


def test_score_frame_aligns_by_labels():
    t = pd.DataFrame({"受益人数": [100.0, 100.0], "满意度": [90.0, 90.0]}, index=["甲局", "乙局"])
    a = pd.DataFrame({"满意度": [81.0, 95.0], "受益人数": [100.0, 98.0]}, index=["乙局", "甲局"])  # other order
    out = jixiao.score_frame(t, a, pd.Series({"满意度": 40.0, "受益人数": 50.0}), level1_names=["产出指标"])
    assert list(out.index) == ["甲局", "乙局"]
    assert out["总分"].tolist() == [89.0, 86.0]
    assert out["排名"].tolist() == [1, 2]
    assert list(out.columns) == ["总分", "评级", "排名", "未评分", "预算执行率得分", "产出指标"]
    assert str(out["评级"].dtype) == "category"
    with pytest.raises(ValueError, match="weights has no entry"):
        jixiao.score_frame(t, a, pd.Series({"受益人数": 50.0}))


def test_inputs_as_analysts_have_them():
    """Codes read from a CSV come as floats; missing cells as None or pandas' NA."""
    r = jixiao.score_batch([[100.0, 50.0]], [[98.0, 60.0]], [30.0, 20.0], directions=np.array([1.0, -1.0]),
                           kinds=pd.Series([0.0, 0.0]), level2=np.array([0.0, 1.0]), level1=[0.0, 0.0])
    assert r.leaf[0].tolist() == [29.4, 16.0] and r.level2[0].tolist() == [29.4, 16.0]
    na = jixiao.score_batch([[100.0, 100.0]], np.array([[pd.NA, None]], dtype=object), [10.0, 10.0])
    assert na.unscored.tolist() == [2] and np.isnan(na.leaf).all()
    t = pd.DataFrame({"受益人数": [100.0, 100.0], "满意度": [90.0, 90.0]}, index=["甲局", "乙局"]).astype("Float64")
    a = t.copy()
    a.iloc[0, 0] = pd.NA
    out = jixiao.score_frame(t, a, [50.0, 40.0])
    assert out["未评分"].tolist() == [1, 0] and out["总分"].tolist() == [40.0, 90.0]
    # Several policies as any iterable, not only a list.
    assert len(jixiao.score_batch([[1.0]], [[1.0]], [[1.0], [1.0]], policy=np.array(["mof2020", "hubei"]))) == 2
    assert len(jixiao.score_batch([[1.0]], [[1.0]], [[1.0], [1.0]], policy=(p for p in ("mof2020", "hubei")))) == 2


def test_an_infinite_weight_is_masked_like_a_negative_one():
    r = jixiao.score_batch([[100.0, 50.0]], [[98.0, 40.0]], [np.inf, 20.0], budget_full_year=[100.0],
                           budget_executed=[90.0], budget_weights=[np.inf])
    assert np.isnan(r.leaf[0, 0]) and r.leaf[0, 1] == 16.0
    assert r.unscored.tolist() == [1] and np.isnan(r.budget[0]) and r.total.tolist() == [16.0]
    assert r.grade.tolist() == [3]


def test_score_frame_aligns_budget_columns_and_refuses_unmatched_labels():
    t = pd.DataFrame({"受益人数": [100.0, 100.0], "满意度": [90.0, 90.0]}, index=["甲局", "乙局"])
    a = t * 1.0
    out = jixiao.score_frame(t, a, [50.0, 40.0], budget_full_year=pd.Series([100.0, 100.0], index=["乙局", "甲局"]),
                             budget_executed=pd.Series([50.0, 100.0], index=["乙局", "甲局"]))
    assert out["预算执行率得分"].tolist() == [10.0, 5.0]  # 甲局 spent all of its budget
    with pytest.raises(ValueError, match="budget_executed has no entry"):
        jixiao.score_frame(t, a, [50.0, 40.0], budget_full_year=[100.0, 100.0],
                           budget_executed=pd.Series([50.0], index=["乙局"]))
    renumbered = a.set_axis([0, 1])
    with pytest.raises(ValueError, match="no row label"):
        jixiao.score_frame(t, renumbered, [50.0, 40.0])
    with pytest.raises(ValueError, match="no column"):
        jixiao.score_frame(t, a.set_axis(["x", "y"], axis=1), [50.0, 40.0])


def test_misuse_is_a_clear_error():
    x = np.ones((2, 3))
    with pytest.raises(ValueError, match="weights"):
        jixiao.score_batch(x, x, np.ones((2, 3)))  # two weight rows, one policy
    with pytest.raises(ValueError, match="same shape"):
        jixiao.score_batch(x, np.ones((3, 3)), np.ones(3))
    with pytest.raises(ValueError, match=r"directions\[1\] is 5"):
        jixiao.score_batch(x, x, np.ones(3), directions=[1, 5, 1])
    with pytest.raises(ValueError, match="unknown|preset"):
        jixiao.score_batch(x, x, np.ones(3), policy="nowhere")
    with pytest.raises(ValueError, match="2-D"):
        jixiao.score_batch(np.ones(3), np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="weights must be M weights"):
        jixiao.score_batch(x, x, 30.0)
    with pytest.raises(ValueError, match=r"directions\[0\] is 1.5, not a whole number"):
        jixiao.score_batch(x, x, np.ones(3), directions=[1.5, 1, 1])
    with pytest.raises(TypeError, match="kinds must hold whole numbers"):
        jixiao.score_batch(x, x, np.ones(3), kinds=["a", "b", "c"])
    with pytest.raises(TypeError, match="level2_names must be a sequence of names"):
        jixiao.score_batch(x, x, np.ones(3), level2_names="abc")
    with pytest.raises(TypeError, match="actuals must hold numbers.*'98%'"):
        jixiao.score_batch(x, [["98%", 1, 1], [1, 1, 1]], np.ones(3))
    with pytest.raises(TypeError, match="targets holds booleans"):
        jixiao.score_batch(x > 0, x, np.ones(3))
    for weights in (None, {"a": 1}, ["10", "10", "10"]):
        with pytest.raises(TypeError, match="weights"):
            jixiao.score_batch(x, x, weights)
    for names in (123, [1, 2], {"a", "b"}, {"a": 1}):
        with pytest.raises(TypeError, match="level2_names"):
            jixiao.score_batch(x, x, np.ones(3), level2_names=names)
    assert jixiao.score_batch(x, x, np.ones(3), level2_names=(n for n in ["数量指标"])).total.tolist() == [3.0, 3.0]
    frame = pd.DataFrame(x)
    for bad in (dict(targets=x), dict(actuals=[[1.0]]), dict(uppers=np.ones((2, 3)))):
        args = dict(targets=frame, actuals=frame, weights=[1.0, 1.0, 1.0])
        args.update(bad)
        with pytest.raises(TypeError, match="must be a pandas DataFrame"):
            jixiao.score_frame(**args)
    with pytest.raises(TypeError, match="level1_names"):
        jixiao.score_frame(frame, frame, [1.0, 1.0, 1.0], level1_names=5)
    with pytest.raises(TypeError, match="table_batch"):
        jixiao.table_batch(None)
    with pytest.raises(ValueError, match=r"level2\[0\] is 3000000"):  # not gigabytes of group sums
        jixiao.score_batch(x, x, np.ones(3), level2=[3_000_000, 0, 0])
    with pytest.raises(ValueError, match=r"level2\[0\] is 1e\+20"):
        jixiao.score_batch(x, x, np.ones(3), level2=[1e20, 0, 0])
