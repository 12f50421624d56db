// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Scoring rules (score.hpp): policies built in Python, from a preset, a dict or JSON; one
// indicator or the budget row scored; grades and the half-up rounding.
#include "bindings.hpp"

#include <jixiao/score.hpp>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

namespace jixiao::python {

py::tuple policy_state(const ScoringPolicy& p) {
  const auto& w = p.weights;
  const auto& t = p.tiers;
  py::object grades = py::none();
  if (p.grades) grades = py::make_tuple(p.grades->excellent, p.grades->good, p.grades->fair);
  return py::make_tuple(p.name, py::make_tuple(w.output, w.outcome, w.satisfaction, w.budget),
                        p.satisfaction_in_outcome, static_cast<int>(p.satisfaction_absent),
                        py::make_tuple(t.achieved, t.partly, t.achieved_point, t.partly_point, t.not_achieved_point),
                        static_cast<int>(p.reverse), static_cast<int>(p.equal), p.decimals, grades);
}

ScoringPolicy policy_from_state(const py::tuple& s) {
  if (s.size() != 9) throw std::invalid_argument("ScoringPolicy: a pickle state has 9 fields");
  ScoringPolicy p;
  p.name = s[0].cast<std::string>();
  auto w = s[1].cast<py::tuple>();
  p.weights = {w[0].cast<double>(), w[1].cast<double>(), w[2].cast<double>(), w[3].cast<double>()};
  p.satisfaction_in_outcome = s[2].cast<bool>();
  p.satisfaction_absent = static_cast<Redistribution>(s[3].cast<int>());
  auto t = s[4].cast<py::tuple>();
  p.tiers = {t[0].cast<double>(), t[1].cast<double>(), t[2].cast<double>(), t[3].cast<double>(), t[4].cast<double>()};
  p.reverse = static_cast<ReverseRule>(s[5].cast<int>());
  p.equal = static_cast<EqualRule>(s[6].cast<int>());
  p.decimals = s[7].cast<int>();
  if (s[8].is_none()) {
    p.grades.reset();
  } else {
    auto g = s[8].cast<py::tuple>();
    p.grades = GradeThresholds{g[0].cast<double>(), g[1].cast<double>(), g[2].cast<double>()};
  }
  return p;
}

namespace {

ScoringPolicy policy_from_json_or_raise(std::string_view json) {
  PolicyParse parsed = parse_policy_json(json);
  if (!parsed.ok()) {
    std::string message = "invalid scoring policy:";
    for (const Diagnostic& d : parsed.diagnostics)
      if (d.severity == Severity::error) message += " " + d.code + ": " + d.message + ";";
    message.pop_back();
    throw py::value_error(message);
  }
  // What the CLI prints as warnings (an unknown field, weights not adding up to 100) is a Python
  // warning here: a misspelt key must not pass unnoticed.
  for (const Diagnostic& d : parsed.diagnostics) {
    if (d.severity != Severity::warning) continue;
    const std::string text = "scoring policy: " + d.code + ": " + d.message;
    if (PyErr_WarnEx(PyExc_UserWarning, text.c_str(), 2) != 0) throw py::error_already_set();
  }
  return parsed.policy;
}

ScoringPolicy preset_or_raise(const std::string& name) {
  if (auto p = ScoringPolicy::preset(name)) return *p;
  throw py::value_error("unknown scoring policy '" + name + "': the presets are 'mof2020' and 'hubei' "
                        "(or pass a jixiao.ScoringPolicy, or a dict as in docs/scoring.md)");
}

}  // namespace

ScoringPolicy policy_from_object(const py::handle& policy) {
  if (policy.is_none()) return ScoringPolicy::mof2020();
  if (py::isinstance<ScoringPolicy>(policy)) return policy.cast<ScoringPolicy>();
  if (py::isinstance<py::str>(policy)) return preset_or_raise(policy.cast<std::string>());
  if (py::isinstance<py::dict>(policy)) {
    auto json = py::module_::import("json").attr("dumps")(policy, py::arg("ensure_ascii") = false);
    return policy_from_json_or_raise(json.cast<std::string>());
  }
  throw py::type_error("policy must be a preset name ('mof2020', 'hubei'), a jixiao.ScoringPolicy or a dict, not " +
                       py::str(py::type::of(policy).attr("__name__")).cast<std::string>());
}

void bind_score(py::module_& m) {
  py::enum_<ReverseRule>(m, "ReverseRule", "How a lower-is-better indicator scores above its limit.")
      .value("linear", ReverseRule::linear)
      .value("ratio", ReverseRule::ratio)
      .value("binary", ReverseRule::binary);
  py::enum_<EqualRule>(m, "EqualRule", "How a target written with '=' is scored.")
      .value("at_least", EqualRule::at_least)
      .value("exact", EqualRule::exact);
  py::enum_<Redistribution>(m, "Redistribution", "Where the 满意度 weight goes when a table has no satisfaction indicator.")
      .value("proportional", Redistribution::proportional)
      .value("equal", Redistribution::equal);
  py::enum_<Tier>(m, "Tier", "A qualitative tier (定性指标档次).")
      .value("none", Tier::none)
      .value("achieved", Tier::achieved)
      .value("partly_achieved", Tier::partly_achieved)
      .value("not_achieved", Tier::not_achieved);
  py::enum_<Grade>(m, "Grade", "评级: 优 (excellent), 良 (good), 中 (fair), 差 (poor).")
      .value("excellent", Grade::excellent)
      .value("good", Grade::good)
      .value("fair", Grade::fair)
      .value("poor", Grade::poor);
  m.attr("Grade").attr("chinese") = py::cpp_function(
      [](Grade g) { return std::string(chinese_name(g)); }, py::name("chinese"), py::is_method(m.attr("Grade")),
      "优, 良, 中 or 差.");
  py::enum_<ScoreMethod>(m, "ScoreMethod", "How a row was scored.")
      .value("none", ScoreMethod::none)
      .value("higher_is_better", ScoreMethod::higher_is_better)
      .value("lower_is_better", ScoreMethod::lower_is_better)
      .value("exact", ScoreMethod::exact)
      .value("range", ScoreMethod::range)
      .value("qualitative", ScoreMethod::qualitative)
      .value("deadline", ScoreMethod::deadline)
      .value("budget", ScoreMethod::budget);
  py::enum_<DirectionSource>(m, "DirectionSource", "Why a row was read as higher- or lower-is-better.")
      .value("none", DirectionSource::none)
      .value("stated", DirectionSource::stated)
      .value("comparator", DirectionSource::comparator)
      .value("cost", DirectionSource::cost)
      .value("equal", DirectionSource::equal)
      .value("implicit", DirectionSource::implicit);

  py::class_<Level1Weights>(m, "Level1Weights", "Level-1 weights in points: 产出, 效益, 满意度, 预算执行率.")
      .def(py::init([](double output, double outcome, double satisfaction, double budget) {
             return Level1Weights{output, outcome, satisfaction, budget};
           }),
           py::arg("output") = 50, py::arg("outcome") = 30, py::arg("satisfaction") = 10, py::arg("budget") = 10)
      .def_readwrite("output", &Level1Weights::output)
      .def_readwrite("outcome", &Level1Weights::outcome)
      .def_readwrite("satisfaction", &Level1Weights::satisfaction)
      .def_readwrite("budget", &Level1Weights::budget)
      .def("total", &Level1Weights::total)
      .def(py::self == py::self)
      .def("__repr__", [](const Level1Weights& w) {
        return py::str("Level1Weights(output={}, outcome={}, satisfaction={}, budget={})")
            .format(w.output, w.outcome, w.satisfaction, w.budget).cast<std::string>();
      });
  py::class_<TierBands>(m, "TierBands", "Qualitative tier bands and default points, in percent of the weight.")
      .def(py::init([](double achieved, double partly, double achieved_point, double partly_point, double not_achieved_point) {
             return TierBands{achieved, partly, achieved_point, partly_point, not_achieved_point};
           }),
           py::arg("achieved") = 80, py::arg("partly") = 60, py::arg("achieved_point") = 100,
           py::arg("partly_point") = 70, py::arg("not_achieved_point") = 30)
      .def_readwrite("achieved", &TierBands::achieved)
      .def_readwrite("partly", &TierBands::partly)
      .def_readwrite("achieved_point", &TierBands::achieved_point)
      .def_readwrite("partly_point", &TierBands::partly_point)
      .def_readwrite("not_achieved_point", &TierBands::not_achieved_point)
      .def(py::self == py::self)
      .def("__repr__", [](const TierBands& t) {
        return py::str("TierBands(achieved={}, partly={}, achieved_point={}, partly_point={}, not_achieved_point={})")
            .format(t.achieved, t.partly, t.achieved_point, t.partly_point, t.not_achieved_point)
            .cast<std::string>();
      });
  py::class_<GradeThresholds>(m, "GradeThresholds", "Grade thresholds: 优 ≥ excellent, 良 ≥ good, 中 ≥ fair.")
      .def(py::init([](double excellent, double good, double fair) { return GradeThresholds{excellent, good, fair}; }),
           py::arg("excellent") = 90, py::arg("good") = 80, py::arg("fair") = 60)
      .def_readwrite("excellent", &GradeThresholds::excellent)
      .def_readwrite("good", &GradeThresholds::good)
      .def_readwrite("fair", &GradeThresholds::fair)
      .def(py::self == py::self)
      .def("__repr__", [](const GradeThresholds& g) {
        return py::str("GradeThresholds(excellent={}, good={}, fair={})").format(g.excellent, g.good, g.fair).cast<std::string>();
      });

  py::class_<ScoringPolicy>(m, "ScoringPolicy", R"doc(Every choice the scoring rules leave open (docs/scoring.md).

Start from a preset and change fields, or build one from a dict in the JSON form:

>>> p = jixiao.ScoringPolicy("mof2020")
>>> p.reverse = jixiao.ReverseRule.ratio
>>> q = jixiao.ScoringPolicy.from_dict({"base": "hubei", "decimals": 1})
>>> q.weights.budget, q.grades is None
(20.0, True)
)doc")
      .def(py::init([](const std::string& base) { return preset_or_raise(base); }), py::arg("base") = "mof2020",
           "The preset `base` ('mof2020' or 'hubei'); ValueError for another name.")
      .def_static("mof2020", &ScoringPolicy::mof2020, "财预〔2020〕10号 as most provinces apply it.")
      .def_static("hubei", &ScoringPolicy::hubei, "Hubei: budget 20, 产出 40, 效益+满意度 40, bands 80/50, no grade.")
      .def_static("from_json", &policy_from_json_or_raise, py::arg("json"),
                  "A policy from JSON (docs/scoring.md); ValueError naming each invalid field.")
      .def_static("from_dict", [](const py::dict& d) { return policy_from_object(d); }, py::arg("fields"),
                  "A policy from a dict in the JSON form: {'base': 'mof2020', 'reverse': 'ratio'}.")
      .def_readwrite("name", &ScoringPolicy::name)
      .def_readwrite("weights", &ScoringPolicy::weights)
      .def_readwrite("satisfaction_in_outcome", &ScoringPolicy::satisfaction_in_outcome)
      .def_readwrite("satisfaction_absent", &ScoringPolicy::satisfaction_absent)
      .def_readwrite("tiers", &ScoringPolicy::tiers)
      .def_readwrite("reverse", &ScoringPolicy::reverse)
      .def_readwrite("equal", &ScoringPolicy::equal)
      .def_property("decimals", [](const ScoringPolicy& p) { return p.decimals; },
                    [](ScoringPolicy& p, int d) {
                      if (d < 0 || d > 6) throw py::value_error("decimals must be 0–6, got " + std::to_string(d));
                      p.decimals = d;
                    })
      .def_readwrite("grades", &ScoringPolicy::grades, "GradeThresholds, or None for no grade.")
      .def("level1_weights", &ScoringPolicy::level1_weights, py::arg("has_satisfaction"),
           "The level-1 weights for a table with or without a satisfaction indicator.")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__repr__", [](const ScoringPolicy& p) {
        return "<ScoringPolicy " + p.name + ": output " + py::repr(py::float_(p.weights.output)).cast<std::string>() +
               ", outcome " + py::repr(py::float_(p.weights.outcome)).cast<std::string>() + ", satisfaction " +
               py::repr(py::float_(p.weights.satisfaction)).cast<std::string>() + ", budget " +
               py::repr(py::float_(p.weights.budget)).cast<std::string>() + ", reverse " +
               std::string(to_string(p.reverse)) + ">";
      })
      .def(py::pickle([](const ScoringPolicy& p) { return policy_state(p); },
                      [](const py::tuple& s) { return policy_from_state(s); }));

  py::class_<IndicatorScore>(m, "IndicatorScore", "The rule score of one row and everything that explains it.")
      .def_readonly("method", &IndicatorScore::method)
      .def_readonly("score", &IndicatorScore::score, "Rule score, rounded half-up; NaN: not scored.")
      .def_readonly("weight", &IndicatorScore::weight)
      .def_readonly("ratio", &IndicatorScore::ratio, "Achievement A / T, unclamped.")
      .def_readonly("tier", &IndicatorScore::tier)
      .def_readonly("published_used", &IndicatorScore::published_used)
      .def_readonly("published", &IndicatorScore::published, "得分 as published, never changed.")
      .def_readonly("direction", &IndicatorScore::direction)
      .def_readonly("direction_source", &IndicatorScore::direction_source)
      .def_readonly("explanation_zh", &IndicatorScore::explanation_zh)
      .def_readonly("explanation_en", &IndicatorScore::explanation_en)
      .def_readonly("diagnostics", &IndicatorScore::diagnostics)
      .def("scored", &IndicatorScore::scored)
      .def("__repr__", [](const IndicatorScore& s) {
        return "IndicatorScore(" + py::repr(py::str(s.explanation_en)).cast<std::string>() + ")";
      });

  m.def("score_indicator",
        [](const Indicator& ind, std::optional<double> weight, const py::object& policy) {
          const ScoringPolicy p = policy_from_object(policy);
          return weight ? score_indicator(ind, *weight, p) : score_indicator(ind, p);
        },
        py::arg("indicator"), py::arg("weight") = py::none(), py::arg("policy") = "mof2020",
        R"doc(Scores one indicator out of `weight` (default: its own 分值).

>>> t = jixiao.read_table("tests/data/tables/self-evaluation.tsv")
>>> jixiao.score_indicator(t.indicators[2]).score
9.05
)doc");
  m.def("score_budget",
        [](double full_year, double executed, double weight, const py::object& policy) {
          return score_budget(full_year, executed, weight, policy_from_object(policy));
        },
        py::arg("full_year"), py::arg("executed"), py::arg("weight") = 10.0, py::arg("policy") = "mof2020",
        "预算执行率: min(B / A, 1) × weight, rounded.  >>> jixiao.score_budget(100, 95).score  # 9.5");
  m.def("grade",
        [](double total, const py::object& policy) { return grade(total, policy_from_object(policy)); },
        py::arg("total"), py::arg("policy") = "mof2020",
        "The Grade of a total, or None (Hubei has no grades; NaN).  >>> jixiao.grade(90).chinese()  # '优'");
  m.def("round_half_up", &round_half_up, py::arg("x"), py::arg("decimals") = 2,
        "Rounds half-up (四舍五入) in decimal: round_half_up(2.675) == 2.68.");
  m.def("rule_fraction",
        [](ScoreMethod method, double target, double actual, const py::object& policy, double upper) {
          return rule_fraction(method, target, actual, policy_from_object(policy), upper);
        },
        py::arg("method"), py::arg("target"), py::arg("actual"), py::arg("policy") = "mof2020",
        py::arg("upper") = IndicatorScore::nan,
        "The fraction of the weight a quantitative row earns (unrounded), from plain numbers in one unit.");
}

}  // namespace jixiao::python
