// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Reports (report.hpp) from Python: the same HTML, Markdown, JSON and Excel files `jixiao report`
// writes, built by the C++ library from a table as read (its diagnostics kept as findings).
#include "bindings.hpp"

#include <jixiao/report.hpp>

#include <pybind11/stl.h>

#include <string>

namespace jixiao::python {
namespace {

ReportOptions options_from(const std::string& lang) {
  if (lang != "zh" && lang != "en") throw py::value_error("report: lang must be 'zh' or 'en', not '" + lang + "'");
  ReportOptions o;
  o.lang = lang == "en" ? ReportLanguage::en : ReportLanguage::zh;
  return o;
}

}  // namespace

void bind_report(py::module_& m) {
  m.def(
      "report_text",
      [](const TableHandle& table, const std::string& format, const py::object& policy, const std::string& lang,
         const std::string& source) {
        const ScoringPolicy p = policy_from_object(policy);
        const ReportOptions o = options_from(lang);
        if (format != "html" && format != "md" && format != "json")
          throw py::value_error("report_text: format must be 'html', 'md' or 'json', not '" + format + "'");
        py::gil_scoped_release release;
        const ReportInput in = report_input(*table, p, source);
        return format == "html" ? report_html(in, o) : format == "md" ? report_markdown(in, o) : report_json(in, o);
      },
      py::arg("table").none(false), py::arg("format") = "html", py::arg("policy") = "mof2020", py::arg("lang") = "zh",
      py::arg("source") = "",
      "The report of a table as text: 'html' (one self-contained page), 'md' or 'json' (docs/reports.md).");
  m.def(
      "write_report_xlsx",
      [](const TableHandle& table, const std::string& path, const py::object& policy, const std::string& lang,
         const std::string& source) {
        const ScoringPolicy p = policy_from_object(policy);
        const ReportOptions o = options_from(lang);
        py::gil_scoped_release release;
        return write_report_xlsx(report_input(*table, p, source), path, o);
      },
      py::arg("table").none(false), py::arg("path"), py::arg("policy") = "mof2020", py::arg("lang") = "zh", py::arg("source") = "",
      "Writes the report as an Excel workbook in the official 自评表 layout; returns the I/O problems (JX200).");
}

}  // namespace jixiao::python
