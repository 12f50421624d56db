// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Actuals (实际完成值) merged into a target table (actuals.hpp): apply_actuals_text.  The header
// arrives with the actuals issue; until the library has it, nothing is registered and
// jixiao.score(actuals=...) says so (NotImplementedError).
#include "bindings.hpp"

#if __has_include(<jixiao/actuals.hpp>)
#include <jixiao/actuals.hpp>
#define JIXIAO_PYTHON_HAS_ACTUALS 1
#endif

namespace jixiao::python {

void bind_actuals(py::module_& m) {
#ifdef JIXIAO_PYTHON_HAS_ACTUALS
  m.def("apply_actuals_text",
        [](const TableHandle& targets, std::string_view csv, std::string source) {
          ActualsRead merged;
          {
            py::gil_scoped_release release;
            merged = apply_actuals_text(targets->table, csv, std::move(source));
          }
          auto out = std::make_shared<TableRead>(*targets);
          out->table = std::move(merged.table);
          out->diagnostics.insert(out->diagnostics.end(), merged.diagnostics.begin(), merged.diagnostics.end());
          return py::make_tuple(out, merged.applied);
        },
        py::arg("targets"), py::arg("csv"), py::arg("source") = "",
        "Merges an actuals CSV (text) into a target table: (table with actuals and all diagnostics, rows applied).");
#else
  (void)m;
#endif
}

}  // namespace jixiao::python
