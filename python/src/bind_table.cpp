// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The parts of a table (table.hpp, indicator.hpp) as read-only Python objects.  The table
// itself is bound in bind_read.cpp, with what was read.
#include "bindings.hpp"

#include <jixiao/indicator.hpp>
#include <jixiao/table.hpp>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

namespace jixiao::python {

void bind_table(py::module_& m) {
  py::class_<SourceLocation>(m, "SourceLocation", "1-based line and column (code points); 0: not read from text.")
      .def_readonly("line", &SourceLocation::line)
      .def_readonly("column", &SourceLocation::column)
      .def("known", &SourceLocation::known)
      .def("__repr__", [](const SourceLocation& l) {
        return "SourceLocation(line=" + std::to_string(l.line) + ", column=" + std::to_string(l.column) + ")";
      });
  py::class_<Text>(m, "Text", "A piece of text from the table and where it was; str() gives the text.")
      .def_readonly("text", &Text::text)
      .def_readonly("at", &Text::at)
      .def("__str__", [](const Text& t) { return t.text; })
      .def("__repr__", [](const Text& t) {
        return "Text(" + py::repr(py::str(t.text)).cast<std::string>() + ", line=" + std::to_string(t.at.line) +
               ", column=" + std::to_string(t.at.column) + ")";
      });

  py::enum_<Level1>(m, "Level1", "一级指标: canonical level-1 categories (local names are `other`).")
      .value("unknown", Level1::unknown)
      .value("output", Level1::output)
      .value("outcome", Level1::outcome)
      .value("satisfaction", Level1::satisfaction)
      .value("cost", Level1::cost)
      .value("other", Level1::other);
  py::enum_<Level2>(m, "Level2", "二级指标: canonical level-2 categories.")
      .value("unknown", Level2::unknown)
      .value("quantity", Level2::quantity)
      .value("quality", Level2::quality)
      .value("timeliness", Level2::timeliness)
      .value("cost", Level2::cost)
      .value("economic_benefit", Level2::economic_benefit)
      .value("social_benefit", Level2::social_benefit)
      .value("ecological_benefit", Level2::ecological_benefit)
      .value("sustainability", Level2::sustainability)
      .value("service_satisfaction", Level2::service_satisfaction)
      .value("economic_cost", Level2::economic_cost)
      .value("social_cost", Level2::social_cost)
      .value("ecological_cost", Level2::ecological_cost)
      .value("other", Level2::other);
  py::enum_<Direction>(m, "Direction", "指标方向: whether more is better (正向/反向).")
      .value("unknown", Direction::unknown)
      .value("higher_is_better", Direction::higher_is_better)
      .value("lower_is_better", Direction::lower_is_better);
  py::enum_<TableKind>(m, "TableKind", "Which table it is.")
      .value("unknown", TableKind::unknown)
      .value("department_targets", TableKind::department_targets)
      .value("project_targets", TableKind::project_targets)
      .value("self_evaluation", TableKind::self_evaluation);

  m.def("classify_level1", &classify_level1, py::arg("label"), "Recognises a level-1 label: '产出指标' → Level1.output.");
  m.def("classify_level2", &classify_level2, py::arg("label"), "Recognises a level-2 label: '社会效益' → Level2.social_benefit.");

  py::class_<MergedCells>(m, "MergedCells", R"doc(Which of an indicator's self-evaluation cells an actuals file gave
(Table.actuals_file); the others are the table's, and so are their locations.

>>> card = jixiao.score("examples/data/civil-affairs-2024-targets.tsv",
...                     actuals="examples/data/civil-affairs-2024-actuals.csv")
>>> card.table.indicators[0].merged
MergedCells(actual=True, weight=False, score=False, deviation=False)
)doc")
      .def_readonly("actual", &MergedCells::actual, "实际完成值, at Indicator.actual_at.")
      .def_readonly("weight", &MergedCells::weight, "分值, at Indicator.weight_at.")
      .def_readonly("score", &MergedCells::score, "得分, at Indicator.score_at.")
      .def_readonly("deviation", &MergedCells::deviation, "偏差原因分析及改进措施, at Indicator.deviation.at.")
      .def("any", &MergedCells::any, "True when the file gave any of them.")
      .def(py::self == py::self)
      .def("__repr__", [](const MergedCells& c) {
        const auto b = [](bool x) { return std::string(x ? "True" : "False"); };
        return "MergedCells(actual=" + b(c.actual) + ", weight=" + b(c.weight) + ", score=" + b(c.score) +
               ", deviation=" + b(c.deviation) + ")";
      });
  py::class_<Indicator>(m, "Indicator", R"doc(One indicator (三级指标) with its place in the tree.

>>> i = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv").indicators[0]
>>> i.level1.text, i.name.text, str(i.target)
('产出指标', '城市低保', '≥10141人次')
)doc")
      .def_readonly("function", &Indicator::function, "Index into Table.functions, -1 when none.")
      .def_readonly("level1", &Indicator::level1)
      .def_readonly("level1_kind", &Indicator::level1_kind)
      .def_readonly("level2", &Indicator::level2)
      .def_readonly("level2_kind", &Indicator::level2_kind)
      .def_readonly("sequence", &Indicator::sequence, "N of the 指标N: label, 0 when not numbered.")
      .def_readonly("name", &Indicator::name)
      .def_readonly("target", &Indicator::target, "指标值 / 年度指标值.")
      .def_readonly("target_at", &Indicator::target_at)
      .def_readonly("direction", &Indicator::direction)
      .def_readonly("actual", &Indicator::actual, "实际完成值 (self-evaluation).")
      .def_readonly("actual_at", &Indicator::actual_at)
      .def_readonly("weight", &Indicator::weight, "分值 (NaN: none).")
      .def_readonly("weight_at", &Indicator::weight_at)
      .def_readonly("score", &Indicator::score, "得分 as published (NaN: none).")
      .def_readonly("score_at", &Indicator::score_at)
      .def_readonly("deviation", &Indicator::deviation, "偏差原因分析及改进措施.")
      .def_readonly("merged", &Indicator::merged, "Which of actual, weight, score, deviation came from Table.actuals_file.")
      .def(py::self == py::self)
      .def("__repr__", [](const Indicator& i) {
        return "Indicator(" + py::repr(py::str(i.level1.text + "/" + i.level2.text + "/" + i.name.text)).cast<std::string>() +
               ", target=" + py::repr(py::str(i.target.raw)).cast<std::string>() + ")";
      });
  py::class_<CoreFunction>(m, "CoreFunction", "核心职能: 职能1: 社会救助.")
      .def_readonly("number", &CoreFunction::number)
      .def_readonly("name", &CoreFunction::name)
      .def("__repr__", [](const CoreFunction& f) {
        return "CoreFunction(" + std::to_string(f.number) + ", " + py::repr(py::str(f.name.text)).cast<std::string>() + ")";
      });
  py::class_<Goal>(m, "Goal", "年度绩效目标: one numbered goal (and its outcome in a self-evaluation).")
      .def_readonly("number", &Goal::number)
      .def_readonly("text", &Goal::text)
      .def_readonly("outcome", &Goal::outcome)
      .def("__repr__", [](const Goal& g) {
        return "Goal(" + std::to_string(g.number) + ", " + py::repr(py::str(g.text.text)).cast<std::string>() +
               (g.outcome.empty() ? std::string() : ", outcome=" + py::repr(py::str(g.outcome.text)).cast<std::string>()) + ")";
      });
  py::class_<HeaderField>(m, "HeaderField", "A header field: key as written and its value.")
      .def_readonly("key", &HeaderField::key)
      .def_readonly("value", &HeaderField::value)
      .def("__repr__", [](const HeaderField& h) {
        return "HeaderField(" + py::repr(py::str(h.key)).cast<std::string>() + ", " +
               py::repr(py::str(h.value.text)).cast<std::string>() + ")";
      });
  py::class_<BudgetLine>(m, "BudgetLine", "One line of a self-evaluation's budget block (NaN: empty cell).")
      .def_readonly("label", &BudgetLine::label)
      .def_readonly("initial", &BudgetLine::initial, "年初预算数")
      .def_readonly("full_year", &BudgetLine::full_year, "全年预算数 (A)")
      .def_readonly("executed", &BudgetLine::executed, "全年执行数 (B)")
      .def_readonly("weight", &BudgetLine::weight, "分值")
      .def_readonly("rate", &BudgetLine::rate, "执行率, percent as published")
      .def_readonly("score", &BudgetLine::score, "得分 as published")
      .def_readonly("file", &BudgetLine::file, "The file its positions are in when not the table's (an actuals file), else ''.")
      .def("__repr__", [](const BudgetLine& b) {
        return py::str("BudgetLine({!r}, full_year={}, executed={}, weight={}, rate={}, score={})")
            .format(b.label.text, b.full_year, b.executed, b.weight, b.rate, b.score)
            .cast<std::string>();
      });
  py::class_<Totals>(m, "Totals", "The total row as published: 总分, 得分合计, 评级.")
      .def_readonly("weight", &Totals::weight)
      .def_readonly("score", &Totals::score)
      .def_readonly("grade", &Totals::grade)
      .def_readonly("at", &Totals::at)
      .def("empty", &Totals::empty)
      .def("__repr__", [](const Totals& t) {
        return py::str("Totals(weight={}, score={}, grade={!r})").format(t.weight, t.score, t.grade.text).cast<std::string>();
      });
}

}  // namespace jixiao::python
