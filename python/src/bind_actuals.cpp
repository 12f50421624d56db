// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Actuals (实际完成值) kept in a separate file, merged into a target table (actuals.hpp).
// jixiao.score(table, actuals=path | text | DataFrame) calls apply_actuals_text.
#include "bindings.hpp"

#include <jixiao/actuals.hpp>

namespace jixiao::python {

void bind_actuals(py::module_& m) {
  m.def("apply_actuals_text",
        [](const TableHandle& targets, const py::object& text, std::string source) {
          if (!py::isinstance<py::str>(text) && !py::isinstance<py::bytes>(text))
            throw py::type_error("apply_actuals_text: expected the actuals file's text (str or bytes)");
          const std::string bytes = text.cast<std::string>();
          ReadOptions options;
          options.file_name = std::move(source);
          ActualsRead merged;
          {
            py::gil_scoped_release release;
            merged = apply_actuals_text(targets->table, bytes, options);
          }
          auto out = std::make_shared<TableRead>(*targets);
          out->table = std::move(merged.table);
          out->diagnostics.insert(out->diagnostics.end(), merged.diagnostics.begin(), merged.diagnostics.end());
          return py::make_tuple(out, merged.applied, merged.missing);
        },
        py::arg("targets"), py::arg("text"), py::arg("source") = "",
        R"doc(Merges an actuals file (CSV or TSV text, docs/formats.md *Actuals files*) into a target table.

Returns (table, applied, missing): a self-evaluation Table with the target table's diagnostics
followed by the actuals file's (JX440–JX449), the rows merged, and the indicators left without an
actual.  jixiao.score(table, actuals=...) calls this.
)doc");
}

}  // namespace jixiao::python
