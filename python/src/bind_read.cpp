// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Reading tables: `Table` in Python is a table as read (jixiao::TableRead), the tree with the
// diagnostics of its input, so that `read_table(path)` gives one object to look at.  Conversions
// to pandas, dicts and HTML are thin Python (jixiao/_convert.py, _html.py) called from here, so
// that they are methods of the compiled type.
#include "bindings.hpp"

#include <jixiao/read.hpp>

#include <pybind11/stl.h>

#include <cmath>
#include <string>
#include <vector>

namespace jixiao::python {
namespace {

Format format_from_name(const std::string& name) {
  if (name == "auto") return Format::automatic;
  if (name == "tsv") return Format::tsv;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  throw py::value_error("unknown table format '" + name + "': expected 'auto', 'tsv', 'csv' or 'json'");
}

Encoding encoding_from_name(const std::string& name) {
  if (name == "auto") return Encoding::automatic;
  if (name == "utf-8" || name == "utf8") return Encoding::utf8;
  if (name == "gb18030" || name == "gbk" || name == "gb2312") return Encoding::gb18030;
  throw py::value_error("unknown encoding '" + name + "': expected 'auto', 'utf-8', 'gb18030' or 'gbk'");
}

std::string encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::gb18030: return "gb18030";
    default: return "auto";
  }
}

ReadOptions options(const std::string& format, const std::string& encoding, std::string file_name) {
  ReadOptions o;
  o.format = format_from_name(format);
  o.encoding = encoding_from_name(encoding);
  o.file_name = std::move(file_name);
  return o;
}

/// One list per column, one entry per indicator (English keys; _convert.py names them in Chinese).
py::dict table_columns(const Table& t) {
  const std::size_t n = t.indicators.size();
  std::vector<int> function_no(n), sequence(n), line(n);
  std::vector<std::string> function(n), level1(n), level1_kind(n), level2(n), level2_kind(n), name(n), target(n),
      op(n), unit(n), kind(n), direction(n), actual(n), actual_unit(n), deviation(n);
  std::vector<double> value(n), upper(n), actual_value(n), weight(n), score(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Indicator& ind = t.indicators[i];
    if (ind.function >= 0 && static_cast<std::size_t>(ind.function) < t.functions.size()) {
      const CoreFunction& f = t.functions[static_cast<std::size_t>(ind.function)];
      function_no[i] = f.number;
      function[i] = f.name.text;
    }
    level1[i] = ind.level1.text;
    level1_kind[i] = to_string(ind.level1_kind);
    level2[i] = ind.level2.text;
    level2_kind[i] = to_string(ind.level2_kind);
    sequence[i] = ind.sequence;
    name[i] = ind.name.text;
    line[i] = static_cast<int>(ind.name.at.line ? ind.name.at.line : ind.target_at.line);
    target[i] = ind.target.raw;
    op[i] = to_string(ind.target.op);
    value[i] = ind.target.value;
    upper[i] = ind.target.upper;
    unit[i] = ind.target.unit;
    kind[i] = to_string(ind.target.kind);
    direction[i] = ind.direction == Direction::higher_is_better  ? "正向"
                   : ind.direction == Direction::lower_is_better ? "反向"
                                                                 : "";
    actual[i] = ind.actual.raw;
    actual_value[i] = ind.actual.value;
    actual_unit[i] = ind.actual.unit;
    weight[i] = ind.weight;
    score[i] = ind.score;
    deviation[i] = ind.deviation.text;
  }
  py::dict d;
  d["function_no"] = function_no;
  d["function"] = function;
  d["level1"] = level1;
  d["level1_kind"] = level1_kind;
  d["level2"] = level2;
  d["level2_kind"] = level2_kind;
  d["sequence"] = sequence;
  d["name"] = name;
  d["target"] = target;
  d["op"] = op;
  d["value"] = value;
  d["upper"] = upper;
  d["unit"] = unit;
  d["kind"] = kind;
  d["direction"] = direction;
  d["actual"] = actual;
  d["actual_value"] = actual_value;
  d["actual_unit"] = actual_unit;
  d["weight"] = weight;
  d["score"] = score;
  d["deviation"] = deviation;
  d["line"] = line;
  return d;
}

py::object helper(const char* module, const char* name) {
  return py::module_::import(module).attr(name);
}

}  // namespace

py::tuple table_state(const TableRead& read) {
  py::list diagnostics;
  for (const Diagnostic& d : read.diagnostics) diagnostics.append(diagnostic_state(d));
  return py::make_tuple(to_json(read.table), diagnostics, static_cast<int>(read.format),
                        static_cast<int>(read.encoding), read.file_name);
}

TableRead table_from_state(const py::tuple& s) {
  if (s.size() != 4 && s.size() != 5) throw std::invalid_argument("Table: a pickle state has 5 fields (4 before 0.1.0's file_name)");
  ReadOptions o;
  o.format = Format::json;
  TableRead read = read_table_text(s[0].cast<std::string>(), o);
  if (!read.ok()) throw std::invalid_argument("Table: the pickled JSON does not read back: " + to_string(read.diagnostics.front()));
  read.diagnostics.clear();
  for (const py::handle& d : s[1].cast<py::list>()) read.diagnostics.push_back(diagnostic_from_state(d.cast<py::tuple>()));
  read.format = static_cast<Format>(s[2].cast<int>());
  read.encoding = static_cast<Encoding>(s[3].cast<int>());
  read.file_name = s.size() == 5 ? s[4].cast<std::string>() : std::string();
  return read;
}

void bind_read(py::module_& m) {
  using T = TableRead;
  py::class_<T, std::shared_ptr<T>>(m, "Table", R"doc(A table as read: the indicator tree and the diagnostics of its input.

A 绩效目标表 or 绩效自评表 from jixiao.read_table.  Fields mirror jixiao::Table (include/jixiao/table.hpp).

>>> t = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv")
>>> len(t.indicators), t.year, t.field("部门(单位)名称")
(61, 2024, '渚源县民政局')
>>> t.to_pandas().columns[:6].tolist()
['职能编号', '职能', '一级指标', '二级指标', '序号', '三级指标']
)doc")
      .def_property_readonly("kind", [](const T& r) { return r.table.kind; })
      .def_property_readonly("title", [](const T& r) { return r.table.title; })
      .def_property_readonly("year", [](const T& r) { return r.table.year; })
      .def_property_readonly("header", [](const T& r) { return r.table.header; })
      .def_property_readonly("goals", [](const T& r) { return r.table.goals; })
      .def_property_readonly("functions", [](const T& r) { return r.table.functions; })
      .def_property_readonly("indicators", [](const T& r) { return r.table.indicators; },
                             "The indicators in the table's order (copies).")
      .def_property_readonly("budget", [](const T& r) { return r.table.budget; })
      .def_property_readonly("totals", [](const T& r) { return r.table.totals; })
      .def_property_readonly("columns", [](const T& r) { return r.table.columns; })
      .def_property_readonly("actuals_file", [](const T& r) { return r.table.actuals_file; },
                             "The actuals file merged in (score(actuals=...)), '' when none.")
      .def_readonly("diagnostics", &T::diagnostics, "What was wrong with the input, with file, line and column.")
      .def_property_readonly("format", [](const T& r) { return std::string(to_string(r.format)); },
                             "The format actually read: 'tsv', 'csv' or 'json'.")
      .def_property_readonly("encoding", [](const T& r) { return encoding_name(r.encoding); })
      .def_property_readonly("file_name", [](const T& r) { return r.file_name; },
                             "The file its diagnostics name (the path it was read from), '' for text.")
      .def("ok", &T::ok, "True when no diagnostic is an error.")
      .def("field", [](const T& r, std::string_view key) { return std::string(r.table.field(key)); }, py::arg("key"),
           "The header field `key` (or a usual synonym); '' when absent.")
      .def("to_json", [](const T& r) { return to_json(r.table); },
           "The table in jixiao's JSON schema (docs/formats.md); lossless, without the diagnostics.")
      .def("to_dict", [](const py::object& self) { return helper("jixiao._convert", "table_dict")(self); },
           "The JSON schema as Python dicts and lists.")
      .def("to_pandas", [](const py::object& self) { return helper("jixiao._convert", "table_frame")(self); },
           R"doc(One row per indicator, with the column names of the tables (职能, 一级指标, 二级指标, 序号, 三级指标, 指标值 …).

>>> df = jixiao.read_table("examples/data/civil-affairs-2024-targets.tsv").to_pandas()
>>> df.shape[0], df.loc[0, "指标值"], df.loc[0, "目标值"]
(61, '≥10141人次', 10141.0)
)doc")
      .def("diagnostics_frame", [](const py::object& self) {
             return helper("jixiao._convert", "diagnostics_frame")(self.attr("diagnostics"));
           },
           "The diagnostics as a DataFrame: code, severity, message, file, line, column, length, hint.")
      .def("_repr_html_", [](const py::object& self) { return helper("jixiao._html", "table_html")(self); })
      .def("_columns", [](const T& r) { return table_columns(r.table); },
           "The indicator columns with English keys (what to_pandas is built from).")
      .def_static("from_json",
                  [](std::string_view json, std::vector<Diagnostic> diagnostics, std::string file_name,
                     const std::string& read_format) {
                    ReadOptions o;
                    o.format = Format::json;
                    o.file_name = std::move(file_name);
                    auto read = std::make_shared<T>(read_table_text(json, o));
                    read->diagnostics.insert(read->diagnostics.end(), diagnostics.begin(), diagnostics.end());
                    read->format = format_from_name(read_format);
                    return read;
                  },
                  py::arg("json"), py::arg("diagnostics") = std::vector<Diagnostic>{}, py::arg("file_name") = "",
                  py::kw_only(), py::arg("read_format") = "json",
                  "A table from jixiao JSON, with the diagnostics of the JSON and then `diagnostics` (from an earlier "
                  "read of the same table in `read_format`).")
      .def("__repr__", [](const T& r) {
        return "<jixiao.Table " + std::string(to_string(r.table.kind).empty() ? "unknown" : to_string(r.table.kind)) +
               " " + py::repr(py::str(r.table.title.text)).cast<std::string>() + ": " +
               std::to_string(r.table.indicators.size()) + " indicators, " + std::to_string(r.diagnostics.size()) +
               " diagnostics>";
      })
      .def("__len__", [](const T& r) { return r.table.indicators.size(); }, "The number of indicators.")
      .def(py::pickle([](const T& r) { return table_state(r); },
                      [](const py::tuple& s) { return std::make_shared<T>(table_from_state(s)); }));

  m.def("read_table_file",
        [](const std::string& path, const std::string& format, const std::string& encoding) {
          auto o = options(format, encoding, path);
          std::shared_ptr<T> out;
          {
            py::gil_scoped_release release;
            out = std::make_shared<T>(read_table(path, o));
          }
          return out;
        },
        py::arg("path"), py::arg("format") = "auto", py::arg("encoding") = "auto",
        "Reads a TSV, CSV or JSON table file (jixiao.read_table also reads Excel). A missing file is JX200.");
  m.def("read_table_text",
        [](const py::object& text, const std::string& format, const std::string& encoding, const std::string& file_name) {
          std::string bytes;
          if (py::isinstance<py::str>(text)) bytes = text.cast<std::string>();
          else if (py::isinstance<py::bytes>(text)) bytes = text.cast<std::string>();
          else throw py::type_error("read_table_text: expected str or bytes, got " +
                                    py::str(py::type::of(text).attr("__name__")).cast<std::string>());
          auto o = options(format, encoding, file_name);
          std::shared_ptr<T> out;
          {
            py::gil_scoped_release release;
            out = std::make_shared<T>(read_table_text(bytes, o));
          }
          return out;
        },
        py::arg("text"), py::arg("format") = "auto", py::arg("encoding") = "auto", py::arg("file_name") = "",
        "Reads a table from its text (str) or the bytes of a file.");
}

}  // namespace jixiao::python
