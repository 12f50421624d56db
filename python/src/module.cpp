// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// jixiao._core: the compiled half of the Python package.  Each concept registers itself from
// its own bind_<concept>.cpp; the order matters only where a signature names a type that must
// already be registered for its docstring (values before tables, tables before scores).
#include "bindings.hpp"

#include <jixiao/version.hpp>

PYBIND11_MODULE(_core, m) {
  namespace jp = jixiao::python;
  m.doc() = "jixiao's compiled core: values, tables, reading and scoring (use the jixiao package).";
  m.attr("__version__") = JIXIAO_VERSION_STRING;
  jp::bind_diagnostic(m);
  jp::bind_value(m);
  jp::bind_table(m);
  jp::bind_read(m);
  jp::bind_score(m);
  jp::bind_scorecard(m);
  jp::bind_actuals(m);
  jp::bind_aggregate(m);
  jp::bind_report(m);
}
