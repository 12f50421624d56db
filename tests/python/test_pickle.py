"""Objects pickle (for Dask and multiprocessing): round trips give equal objects."""
import pickle

import pytest

jixiao = pytest.importorskip("jixiao")

SAMPLE = "examples/data/civil-affairs-2024-targets.tsv"
SELF = "tests/data/tables/self-evaluation-deviating.tsv"


def round_trip(x):
    return pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))


def test_table():
    t = jixiao.read_table(SAMPLE)
    b = round_trip(t)
    assert b.to_json() == t.to_json() and b.diagnostics == t.diagnostics
    assert (b.format, b.encoding, b.file_name, len(b)) == (t.format, t.encoding, str(SAMPLE), 61)
    assert b.to_pandas().equals(t.to_pandas())


def test_scorecard():
    card = jixiao.score(SELF, policy={"base": "mof2020", "reverse": "ratio"})
    b = round_trip(card)
    assert b.total == card.total and b.policy == card.policy and b.policy.reverse == jixiao.ReverseRule.ratio
    assert b.to_pandas().equals(card.to_pandas()) and b.diagnostics == card.diagnostics
    assert [d.difference for d in b.differences] == [d.difference for d in card.differences]


def test_values_diagnostics_and_policies():
    for cell in ["≥10141人次", "十余万", "80%～90%", "2023年12月底前", "稳步提升(计划标准)", "3人/年/6.3", ""]:
        v = jixiao.parse_value(cell)
        assert round_trip(v) == v, cell
    d = jixiao.check_value("≥**%").diagnostics[0]
    assert round_trip(d) == d
    assert round_trip(jixiao.ScoringPolicy.hubei()) == jixiao.ScoringPolicy.hubei()
    p = jixiao.ScoringPolicy()
    p.grades = None
    assert round_trip(p).grades is None and round_trip(p) != jixiao.ScoringPolicy()
