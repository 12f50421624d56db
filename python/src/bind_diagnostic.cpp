// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Diagnostics as Python objects: problems in the input are data, never exceptions.
#include "bindings.hpp"

#include <jixiao/diagnostic.hpp>

#include <pybind11/operators.h>

namespace jixiao::python {

py::tuple diagnostic_state(const Diagnostic& d) {
  return py::make_tuple(d.code, static_cast<int>(d.severity), d.message, d.span.file, d.span.line,
                        d.span.column, d.span.length, d.hint);
}

Diagnostic diagnostic_from_state(const py::tuple& s) {
  if (s.size() != 8) throw std::invalid_argument("Diagnostic: a pickle state has 8 fields");
  Diagnostic d;
  d.code = s[0].cast<std::string>();
  d.severity = static_cast<Severity>(s[1].cast<int>());
  d.message = s[2].cast<std::string>();
  d.span.file = s[3].cast<std::string>();
  d.span.line = s[4].cast<std::uint32_t>();
  d.span.column = s[5].cast<std::uint32_t>();
  d.span.length = s[6].cast<std::uint32_t>();
  d.hint = s[7].cast<std::string>();
  return d;
}

void bind_diagnostic(py::module_& m) {
  py::enum_<Severity>(m, "Severity", "How bad a finding is: info, warning or error.")
      .value("info", Severity::info)
      .value("warning", Severity::warning)
      .value("error", Severity::error);

  py::class_<SourceSpan>(m, "SourceSpan",
                         "Where a finding is: file, 1-based line and column (code points), length; 0 = not known.")
      .def_readonly("file", &SourceSpan::file)
      .def_readonly("line", &SourceSpan::line)
      .def_readonly("column", &SourceSpan::column)
      .def_readonly("length", &SourceSpan::length)
      .def("__repr__", [](const SourceSpan& s) {
        return "SourceSpan(file=" + py::repr(py::str(s.file)).cast<std::string>() + ", line=" +
               std::to_string(s.line) + ", column=" + std::to_string(s.column) + ", length=" +
               std::to_string(s.length) + ")";
      });

  py::class_<Diagnostic>(m, "Diagnostic", R"doc(One problem found in the input (codes in docs/diagnostics.md).

Readers and parsers return these; they never raise on bad input.

>>> d = jixiao.check_value("≥**%").diagnostics[0]
>>> d.code, d.severity, d.span.column
('JX102', <Severity.error: 2>, 2)
)doc")
      .def(py::init([](std::string code, Severity severity, std::string message, std::string file,
                       std::uint32_t line, std::uint32_t column, std::uint32_t length, std::string hint) {
             Diagnostic d{std::move(code), severity, std::move(message), {std::move(file), line, column, length},
                          std::move(hint)};
             return d;
           }),
           py::arg("code"), py::arg("severity"), py::arg("message"), py::kw_only(), py::arg("file") = "",
           py::arg("line") = 0, py::arg("column") = 0, py::arg("length") = 0, py::arg("hint") = "",
           "A diagnostic built in code (to report problems found in Python the same way).")
      .def_readonly("code", &Diagnostic::code, "Stable identifier, e.g. 'JX101'.")
      .def_readonly("severity", &Diagnostic::severity)
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("span", &Diagnostic::span)
      .def_readonly("hint", &Diagnostic::hint)
      .def_property_readonly("file", [](const Diagnostic& d) { return d.span.file; })
      .def_property_readonly("line", [](const Diagnostic& d) { return d.span.line; })
      .def_property_readonly("column", [](const Diagnostic& d) { return d.span.column; })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__str__", [](const Diagnostic& d) { return to_string(d); })
      .def("__repr__", [](const Diagnostic& d) {
        return "<Diagnostic " + to_string(d) + ">";
      })
      .def(py::pickle([](const Diagnostic& d) { return diagnostic_state(d); },
                      [](const py::tuple& s) { return diagnostic_from_state(s); }));
}

}  // namespace jixiao::python
