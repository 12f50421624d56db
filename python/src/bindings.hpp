// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_PYTHON_BINDINGS_HPP
#define JIXIAO_PYTHON_BINDINGS_HPP

/// \file
/// What the bind_<concept>.cpp files share: one registration function per concept, called in
/// order by module.cpp, and the pickle states that more than one concept needs.

#include <jixiao/read.hpp>
#include <jixiao/scorecard.hpp>

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

namespace jixiao::python {

namespace py = pybind11;

void bind_diagnostic(py::module_& m);  // Severity, SourceSpan, Diagnostic
void bind_value(py::module_& m);       // Value and its enumerations, parse_value, parse_values
void bind_table(py::module_& m);       // Indicator, CoreFunction, Goal, … (the parts of a table)
void bind_read(py::module_& m);        // Table (a table as read, with its diagnostics), read_table
void bind_score(py::module_& m);       // ScoringPolicy, IndicatorScore, score_indicator, grade …
void bind_scorecard(py::module_& m);   // Scorecard, score_table
void bind_actuals(py::module_& m);     // apply_actuals (actuals.hpp), when the library has it
void bind_report(py::module_& m);      // report_text, write_report_xlsx (report.hpp)
void bind_aggregate(py::module_& m);   // score_batch, table_batch (aggregate.hpp, Eigen)

/// A table as Python holds it: the table with what was wrong with its input.  Shared, because a
/// Scorecard keeps the table it scored.
using TableHandle = std::shared_ptr<TableRead>;

/// A scorecard with the table it scores (rows refer to indicators by index).
struct ScoredTable {
  TableHandle table;
  Scorecard card;
};

/// Pickle states: plain tuples of Python values.
py::tuple diagnostic_state(const Diagnostic& d);
Diagnostic diagnostic_from_state(const py::tuple& state);
py::tuple policy_state(const ScoringPolicy& p);
ScoringPolicy policy_from_state(const py::tuple& state);
py::tuple table_state(const TableRead& read);
TableRead table_from_state(const py::tuple& state);

/// The policy a Python argument names: a ScoringPolicy, a preset name or a dict in the JSON
/// form of docs/scoring.md.  Throws ValueError (unknown name, invalid dict) or TypeError.
ScoringPolicy policy_from_object(const py::handle& policy);

}  // namespace jixiao::python

#endif  // JIXIAO_PYTHON_BINDINGS_HPP
