// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// A whole table scored (scorecard.hpp).  The Python Scorecard keeps the table it scored, so that
// its rows can be shown with their names; it pickles as (table, policy) and is scored again on
// unpickling, which gives the same card (scoring is a pure function of the two).
#include "bindings.hpp"

#include <jixiao/scorecard.hpp>

#include <pybind11/stl.h>

#include <cmath>

namespace jixiao::python {
namespace {

py::object helper(const char* module, const char* name) { return py::module_::import(module).attr(name); }

/// One list per column, one entry per indicator row (English keys; _convert.py names them).
py::dict card_columns(const ScoredTable& s) {
  const Table& t = s.table->table;
  const std::size_t n = s.card.rows.size();
  std::vector<std::size_t> index(n);
  std::vector<std::string> weight_source(n), method(n), tier(n), explanation_zh(n), explanation_en(n), codes(n);
  std::vector<double> weight(n), score(n), published(n), difference(n), ratio(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ScorecardRow& r = s.card.rows[i];
    index[i] = r.indicator;
    weight_source[i] = to_string(r.weight_source);
    method[i] = to_string(r.score.method);
    tier[i] = chinese_name(r.score.tier);
    explanation_zh[i] = r.score.explanation_zh;
    explanation_en[i] = r.score.explanation_en;
    weight[i] = r.score.weight;
    score[i] = r.score.score;
    published[i] = r.score.published;
    difference[i] = published[i] - score[i];
    ratio[i] = r.score.ratio;
    for (const Diagnostic& d : r.score.diagnostics) codes[i] += (codes[i].empty() ? "" : ",") + d.code;
  }
  py::dict d;
  d["indicator"] = index;
  d["weight_source"] = weight_source;
  d["method"] = method;
  d["tier"] = tier;
  d["weight"] = weight;
  d["score"] = score;
  d["published"] = published;
  d["difference"] = difference;
  d["ratio"] = ratio;
  d["explanation_zh"] = explanation_zh;
  d["explanation_en"] = explanation_en;
  d["diagnostics"] = codes;
  (void)t;
  return d;
}

}  // namespace

void bind_scorecard(py::module_& m) {
  py::enum_<WeightSource>(m, "WeightSource", "Where an indicator's weight came from.")
      .value("table", WeightSource::table)
      .value("policy", WeightSource::policy)
      .value("none", WeightSource::none);
  py::enum_<SubtotalLevel>(m, "SubtotalLevel", "What a subtotal adds up.")
      .value("level2", SubtotalLevel::level2)
      .value("level1", SubtotalLevel::level1)
      .value("function", SubtotalLevel::function);
  py::class_<ScorecardRow>(m, "ScorecardRow", "One indicator of a scorecard.")
      .def_readonly("indicator", &ScorecardRow::indicator, "Index into Table.indicators.")
      .def_readonly("weight_source", &ScorecardRow::weight_source)
      .def_readonly("score", &ScorecardRow::score)
      .def("__repr__", [](const ScorecardRow& r) {
        return "<ScorecardRow indicator " + std::to_string(r.indicator) + ": " + r.score.explanation_en + ">";
      });
  py::class_<Subtotal>(m, "Subtotal", "The sum of the rounded leaf scores below one node of the tree.")
      .def_readonly("level", &Subtotal::level)
      .def_readonly("function", &Subtotal::function)
      .def_readonly("level1", &Subtotal::level1)
      .def_readonly("level2", &Subtotal::level2)
      .def_readonly("weight", &Subtotal::weight)
      .def_readonly("score", &Subtotal::score)
      .def_readonly("published", &Subtotal::published)
      .def_readonly("indicators", &Subtotal::indicators)
      .def_readonly("unscored", &Subtotal::unscored)
      .def("__repr__", [](const Subtotal& s) {
        std::string where = s.level1;
        if (!s.level2.empty()) where += "/" + s.level2;
        if (s.function >= 0) where = "function " + std::to_string(s.function) + (where.empty() ? "" : " " + where);
        return py::str("<Subtotal {}: {} / {}>").format(where, s.score, s.weight).cast<std::string>();
      });
  py::class_<ScoreDifference>(m, "ScoreDifference", "A published score that differs from the rule score.")
      .def_property_readonly("indicator",
                             [](const ScoreDifference& d) -> std::optional<std::size_t> {
                               if (d.indicator == ScoreDifference::budget_row) return std::nullopt;
                               return d.indicator;
                             },
                             "Index into Table.indicators; None for the budget row (预算执行率).")
      .def_readonly("name", &ScoreDifference::name)
      .def_readonly("published", &ScoreDifference::published)
      .def_readonly("rule", &ScoreDifference::rule)
      .def_readonly("difference", &ScoreDifference::difference, "published − rule.")
      .def("__repr__", [](const ScoreDifference& d) {
        return py::str("ScoreDifference({!r}, published={}, rule={}, difference={})")
            .format(d.name, d.published, d.rule, d.difference).cast<std::string>();
      });

  using S = ScoredTable;
  py::class_<S, std::shared_ptr<S>>(m, "Scorecard", R"doc(A self-evaluation table scored by the rules (docs/scoring.md).

Rule scores beside the published ones, subtotals, the budget row, total, grade and every difference.

>>> card = jixiao.score(jixiao.read_table("tests/data/tables/self-evaluation.tsv"))
>>> card.total, card.grade.chinese(), card.differences
(98.59, '优', [])
>>> card.to_pandas()[["三级指标", "分值", "得分"]].iloc[2].tolist()
['临时救助人次', 10.0, 9.05]
)doc")
      .def_property_readonly("table", [](const S& s) { return s.table; }, "The table scored.")
      .def_property_readonly("policy", [](const S& s) { return s.card.policy; })
      .def_property_readonly("weights_distributed", [](const S& s) { return s.card.weights_distributed; })
      .def_property_readonly("rows", [](const S& s) { return s.card.rows; })
      .def_property_readonly("subtotals", [](const S& s) { return s.card.subtotals; })
      .def_property_readonly("budget", [](const S& s) { return s.card.budget; }, "预算执行率 row.")
      .def_property_readonly("indicator_weight", [](const S& s) { return s.card.indicator_weight; })
      .def_property_readonly("indicator_score", [](const S& s) { return s.card.indicator_score; })
      .def_property_readonly("total_weight", [](const S& s) { return s.card.total_weight; })
      .def_property_readonly("total", [](const S& s) { return s.card.total; }, "The rule total (得分合计).")
      .def_property_readonly("unscored", [](const S& s) { return s.card.unscored; })
      .def_property_readonly("grade", [](const S& s) { return s.card.grade; }, "Grade of the total, None under hubei.")
      .def_property_readonly("published_total", [](const S& s) { return s.card.published_total; })
      .def_property_readonly("published_grade", [](const S& s) { return s.card.published_grade; })
      .def_property_readonly("differences", [](const S& s) { return s.card.differences; })
      .def_property_readonly("diagnostics", [](const S& s) { return s.card.diagnostics; })
      .def("ok", [](const S& s) { return s.card.ok() && s.table->ok(); },
           "True when no diagnostic is an error, neither the scorecard's nor those of reading the table "
           "(table.diagnostics): a file that could not be read is not a good score.")
      .def("_columns", &card_columns, "The row columns with English keys (what to_pandas is built from).")
      .def("to_pandas", [](const py::object& self, bool budget) {
             return helper("jixiao._convert", "scorecard_frame")(self, budget);
           },
           py::arg("budget") = true,
           "One row per indicator (and the 预算执行率 row): 职能, 一级指标 … 分值, 得分, 公布得分, 差异, 说明.")
      .def("subtotals_frame", [](const py::object& self, const std::string& level) {
             return helper("jixiao._convert", "subtotals_frame")(self, level);
           },
           py::arg("level") = "level1", "Subtotals of one level ('level2', 'level1', 'function') as a DataFrame.")
      .def("differences_frame", [](const py::object& self) { return helper("jixiao._convert", "differences_frame")(self); },
           "The published scores that differ from the rules, as a DataFrame.")
      .def("diagnostics_frame", [](const py::object& self) {
             return helper("jixiao._convert", "diagnostics_frame")(self.attr("diagnostics"));
           })
      .def("plot", [](const py::object& self, const py::object& ax) { return helper("jixiao._plot", "plot_scorecard")(self, ax); },
           py::arg("ax") = py::none(),
           "Bar charts (matplotlib) of the rule scores against the weights, by function and by level 1; returns the Figure.")
      .def("_repr_html_", [](const py::object& self) { return helper("jixiao._html", "scorecard_html")(self); })
      .def("__repr__", [](const S& s) {
        return py::str("<jixiao.Scorecard {} / {} ({}), {} rows, {} differences, policy {}>")
            .format(s.card.total, s.card.total_weight, s.card.grade ? std::string(chinese_name(*s.card.grade)) : "no grade",
                    s.card.rows.size(), s.card.differences.size(), s.card.policy.name)
            .cast<std::string>();
      })
      .def(py::pickle([](const S& s) { return py::make_tuple(table_state(*s.table), policy_state(s.card.policy)); },
                      [](const py::tuple& st) {
                        auto table = std::make_shared<TableRead>(table_from_state(st[0].cast<py::tuple>()));
                        const ScoringPolicy policy = policy_from_state(st[1].cast<py::tuple>());
                        return std::make_shared<S>(S{table, score_table(table->table, policy)});
                      }));

  m.def("score_table",
        [](const TableHandle& table, const py::object& policy) {
          const ScoringPolicy p = policy_from_object(policy);
          py::gil_scoped_release release;
          return std::make_shared<S>(S{table, score_table(table->table, p)});
        },
        py::arg("table").none(false), py::arg("policy") = "mof2020",
        "Scores a self-evaluation table (jixiao.score also merges actuals first).");
}

}  // namespace jixiao::python
