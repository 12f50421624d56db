"""jixiao.score and the scoring functions: scorecards, policies, DataFrames, HTML and charts."""
import math

import numpy as np
import pandas as pd
import pytest

jixiao = pytest.importorskip("jixiao")

SELF = "tests/data/tables/self-evaluation.tsv"
DEVIATING = "tests/data/tables/self-evaluation-deviating.tsv"
RULE = [10.0, 10.0, 9.05, 10.0, 10.0, 15.0, 15.0, 10.0]  # by hand, as in tests/cpp/scorecard_test.cpp


def test_score_a_self_evaluation():
    card = jixiao.score(jixiao.read_table(SELF))
    assert card.total == 98.59 and card.total_weight == 100 and card.grade == jixiao.Grade.excellent
    assert card.grade.chinese() == "优" and card.published_total == 98.59 and card.published_grade == "优"
    assert [r.score.score for r in card.rows] == RULE and card.budget.score == 9.54
    assert card.differences == [] and card.unscored == 0 and card.policy.name == "mof2020"
    assert card.rows[2].score.explanation_zh == "8120人次 / ≥8973人次 → 9.05 / 10 (按比例)"
    assert card.table.field("项目名称") == "城乡居民最低生活保障补助资金"
    assert jixiao.score(SELF).total == 98.59  # a path is read first
    assert card.ok()


def test_a_table_that_cannot_be_read_is_not_a_good_score():
    """A missing or binary file scores nothing: JX430 on the card, and ok() looks at the read too."""
    for source in ("/no/such/table.tsv", b"\x00\x01garbage"):
        card = jixiao.score(source)
        assert not card.ok() and len(card.rows) == 0
        assert "JX430" in [d.code for d in card.diagnostics]
        assert not card.table.ok()
    # A table with read errors only (the sample's unreadable targets) is not ok() either.
    sample = jixiao.score("examples/data/civil-affairs-2024-targets.tsv",
                          actuals="examples/data/civil-affairs-2024-actuals.csv")
    assert not sample.table.ok() and not sample.ok()


def test_scorecard_frame():
    df = jixiao.score(SELF).to_pandas()
    assert list(df.columns) == ["职能", "一级指标", "二级指标", "序号", "三级指标", "指标值", "实际完成值", "分值", "权重来源",
                                "得分", "公布得分", "差异", "完成率", "计分方法", "档次", "说明", "诊断"]
    assert df.shape == (9, 17)
    assert df["得分"].tolist() == RULE + [9.54] and df["得分"].sum() == pytest.approx(98.59)
    assert df.loc[8, "三级指标"] == "预算执行率" and df.loc[8, "计分方法"] == "budget"
    assert df["分值"].dtype == np.float64 and str(df["序号"].dtype) == "Int64"
    assert df.loc[2, "完成率"] == pytest.approx(8120 / 8973)
    assert jixiao.score(SELF).to_pandas(budget=False).shape == (8, 17)


def test_differences_and_subtotals():
    card = jixiao.score(DEVIATING)
    diffs = card.differences_frame()
    assert diffs["三级指标"].tolist() == ["城市低保保障人次", "临时救助人次", "预算执行率"]
    assert diffs["差异"].round(2).tolist() == [-3.0, 0.95, 0.46]
    assert card.differences[2].indicator is None and card.differences[0].indicator == 0
    level1 = card.subtotals_frame("level1")
    assert level1["一级指标"].tolist() == ["产出指标", "效益指标", "满意度指标"] and level1["得分"].tolist() == [49.05, 30, 10]
    assert len(card.subtotals_frame("level2")) == 6 and len(card.subtotals_frame("function")) == 0
    with pytest.raises(ValueError, match="level must be"):
        card.subtotals_frame("level3")
    assert "JX422" in [d.code for d in card.diagnostics]
    assert list(card.diagnostics_frame().columns)[:2] == ["code", "severity"]


def test_policies():
    hubei = jixiao.score(SELF, policy="hubei")
    assert hubei.grade is None and hubei.policy.name == "hubei"
    p = jixiao.ScoringPolicy("mof2020")
    p.grades = jixiao.GradeThresholds(excellent=99, good=80, fair=60)
    assert jixiao.score(SELF, policy=p).grade == jixiao.Grade.good
    q = jixiao.ScoringPolicy.from_dict({"base": "mof2020", "reverse": "ratio", "decimals": 1})
    assert q.reverse == jixiao.ReverseRule.ratio and q.decimals == 1
    assert jixiao.score(SELF, policy={"base": "mof2020", "decimals": 1}).rows[2].score.score == 9.0
    assert jixiao.ScoringPolicy.from_json('{"base": "hubei"}') == jixiao.ScoringPolicy.hubei()
    assert jixiao.ScoringPolicy().weights == jixiao.Level1Weights(50, 30, 10, 10)
    assert jixiao.ScoringPolicy.mof2020().level1_weights(False).output == 56.25


def test_policy_warnings_are_python_warnings():
    with pytest.warns(UserWarning, match="JX419: unknown field `decimal`"):
        jixiao.score(SELF, policy={"decimal": 0})
    with pytest.warns(UserWarning, match="JX431: `weights`: the level-1 weights add up to 40"):
        jixiao.ScoringPolicy.from_dict({"weights": {"output": 10, "outcome": 10, "satisfaction": 10, "budget": 10}})


def test_policy_misuse_raises_with_clear_text():
    with pytest.raises(ValueError, match="unknown scoring policy 'mof2021'.*'mof2020' and 'hubei'"):
        jixiao.score(SELF, policy="mof2021")
    with pytest.raises(ValueError, match="unknown scoring policy"):
        jixiao.ScoringPolicy("beijing")
    with pytest.raises(ValueError, match="JX418"):
        jixiao.ScoringPolicy.from_dict({"reverse": "sideways"})
    with pytest.raises(TypeError, match="policy must be"):
        jixiao.score(SELF, policy=3)
    with pytest.raises(ValueError, match="decimals"):
        jixiao.ScoringPolicy().decimals = 9
    with pytest.raises(TypeError):
        jixiao.score(42)


def test_single_rows_grades_and_rounding():
    t = jixiao.read_table(SELF)
    s = jixiao.score_indicator(t.indicators[2])
    assert (s.score, s.method, s.weight) == (9.05, jixiao.ScoreMethod.higher_is_better, 10.0)
    assert jixiao.score_indicator(t.indicators[2], 20).score == 18.1
    assert jixiao.score_budget(100, 95).score == 9.5 and jixiao.score_budget(100, 95, 20).score == 19.0
    assert jixiao.grade(90) == jixiao.Grade.excellent and jixiao.grade(89.99) == jixiao.Grade.good
    assert jixiao.grade(95, "hubei") is None and jixiao.grade(float("nan")) is None
    assert jixiao.round_half_up(2.675) == 2.68 and jixiao.round_half_up(2.5, 0) == 3


TARGETS = "examples/data/civil-affairs-2024-targets.tsv"
ACTUALS = "examples/data/civil-affairs-2024-actuals.csv"


def test_actuals_from_a_path_text_bytes_or_dataframe(root):
    targets = jixiao.read_table(TARGETS)
    card = jixiao.score(targets, actuals=ACTUALS)
    # As `jixiao score TABLE --actuals FILE` prints it: 87.69 / 100, 良, 5 rows not scored.
    assert (card.total, card.grade.chinese(), card.unscored, len(card.rows)) == (87.69, "良", 5, 61)
    assert card.table.kind == jixiao.TableKind.self_evaluation and card.table.actuals_file == ACTUALS
    assert card.table.indicators[2].actual.raw == "2180人次"
    # Which cells the file gave: the actual and, on this row, the 偏差原因; not a weight.
    merged = card.table.indicators[2].merged
    assert (merged.actual, merged.weight, merged.score, merged.deviation, merged.any()) == (True, False, False, True, True)
    assert not targets.indicators[2].merged.any()
    assert any(d.span.file == ACTUALS and d.code == "JX405" for d in card.diagnostics)
    text = (root / ACTUALS).read_text(encoding="utf-8")
    assert jixiao.score(TARGETS, actuals=text).total == 87.69
    assert jixiao.score(TARGETS, actuals=(root / ACTUALS).read_bytes()).total == 87.69
    assert jixiao.score(targets, actuals=pd.read_csv(root / ACTUALS)).total == 87.69  # 序号 read as float
    assert jixiao.score(targets, actuals=pd.read_csv(root / ACTUALS, dtype=str)).total == 87.69
    assert targets.indicators[2].actual.raw == ""  # the target table itself is unchanged


def test_actuals_problems_are_diagnostics_and_misuse_raises():
    one = "职能,三级指标,实际完成值\n社会救助,城市低保,10230人次\n社会救助,没有这个指标,5人\n"
    card = jixiao.score(TARGETS, actuals=one)
    codes = [d.code for d in card.table.diagnostics]  # the merge's findings stay with the table
    assert "JX441" in codes and "JX444" in codes  # a row matching nothing; indicators without actuals
    assert next(d for d in card.table.diagnostics if d.code == "JX441").span.line == 3
    assert card.table.indicators[0].actual.value == 10230.0
    merged, applied, missing = jixiao._core.apply_actuals_text(jixiao.read_table(TARGETS), one)
    assert (applied, missing) == (1, 60)
    with pytest.raises(TypeError, match="actuals must be"):
        jixiao.score(TARGETS, actuals=3)
    with pytest.raises(ValueError, match="does not exist"):
        jixiao.score(TARGETS, actuals="no/such/actuals.csv")


def test_html_and_plot():
    card = jixiao.score(DEVIATING)
    html = card._repr_html_()
    assert html.count('class="bar"') == 9 and "98.59" in html and "评级 <b>优</b>" in html
    assert html.count("color:#d2413a'>") == 2  # the two indicator rows whose published score differs
    import matplotlib
    matplotlib.use("Agg")
    fig = card.plot()
    assert len(fig.axes) == 1 and [t.get_text() for t in fig.axes[0].get_yticklabels()] == \
        ["产出指标", "效益指标", "满意度指标", "预算执行率"]
    dept = jixiao.read_table(DEVIATING)  # a department table charts by function too
    import matplotlib.pyplot as plt
    fig2, ax = plt.subplots()
    assert card.plot(ax=ax) is fig2


def test_every_result_object_prints_what_it_holds():
    """A notebook shows these by their repr: none is a bare `<… object at 0x…>`."""
    card = jixiao.score(SELF)
    t = card.table
    policy = jixiao.ScoringPolicy.mof2020()
    shown = [card.rows[2], card.subtotals[0], t.goals[0], t.header[0], t.budget[0], t.totals, policy.tiers,
             policy.grades, card.budget, t.indicators[0], t.functions, card]
    for obj in shown:
        assert " object at 0x" not in repr(obj), type(obj).__name__
    assert repr(card.rows[2]) == "<ScorecardRow indicator 2: 8120人次 of target ≥8973人次 → 9.05 of 10 (proportional)>"
    assert repr(t.totals) == "Totals(weight=100.0, score=98.59, grade='优')"


def test_a_rejected_weight_weighs_nothing_in_the_sums(tmp_path):
    """A negative 分值 is JX407 and scores nothing: it is not added to the weights either."""
    text = open(SELF, encoding="utf-8").read().replace("\t10230人次\t10\t10\t", "\t10230人次\t-10\t10\t", 1)
    table = tmp_path / "negative.tsv"
    table.write_text(text, encoding="utf-8")
    card = jixiao.score(table)
    assert "JX407" in [d.code for d in card.diagnostics]
    quantity = next(s for s in card.subtotals if s.level2 == "数量指标")
    assert (quantity.weight, quantity.score) == (20.0, 19.05)
    assert card.total_weight == 90.0 and card.indicator_weight == 80.0


def test_an_infinite_total_has_no_grade():
    assert jixiao.grade(float("inf"), "mof2020") is None and jixiao.grade(95.0, "mof2020") == jixiao.Grade.excellent
