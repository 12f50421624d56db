// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Values (指标值): one cell with parse_value/check_value, a whole column with parse_columns,
// which reads every cell in one C++ loop (the GIL released) and returns column arrays that
// jixiao.parse_values turns into a DataFrame.
#include "bindings.hpp"

#include <jixiao/read.hpp>
#include <jixiao/value.hpp>

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace jixiao::python {
namespace {

/// Values pickle through the table JSON (lossless): a table holding one indicator whose target
/// is the value.
std::string value_state(const Value& v) {
  Table t;
  t.indicators.emplace_back();
  t.indicators.back().target = v;
  return to_json(t);
}

Value value_from_state(const std::string& json) {
  ReadOptions options;
  options.format = Format::json;
  TableRead read = read_table_text(json, options);
  if (!read.ok() || read.table.indicators.size() != 1)
    throw std::invalid_argument("Value: not a pickle state of a jixiao Value");
  return std::move(read.table.indicators.front().target);
}

std::string number_repr(double x) {
  if (std::isnan(x)) return "nan";
  return py::repr(py::float_(x)).cast<std::string>();
}

std::string value_repr(const Value& v) {
  std::string s = "Value(" + py::repr(py::str(v.raw)).cast<std::string>() + ", kind=" +
                  std::string(to_string(v.kind));
  if (v.op != Comparator::none) s += ", op='" + std::string(to_string(v.op)) + "'";
  if (v.kind == ValueKind::number) {
    s += ", value=" + number_repr(v.value);
    if (v.op == Comparator::range) s += ", upper=" + number_repr(v.upper);
    if (!v.unit.empty()) s += ", unit=" + py::repr(py::str(v.unit)).cast<std::string>();
  }
  if (!v.text.empty()) s += ", text=" + py::repr(py::str(v.text)).cast<std::string>();
  if (!v.date.empty()) s += ", date='" + v.date.to_iso() + "'";
  return s + ")";
}

/// A numpy array of Python objects, filled with None.
py::array object_array(std::size_t n) {
  return py::module_::import("numpy").attr("empty")(n, py::arg("dtype") = "O");
}

void set_object(py::array& a, std::size_t i, PyObject* o) {
  auto** data = static_cast<PyObject**>(a.mutable_data());
  Py_INCREF(o);
  Py_XDECREF(data[i]);
  data[i] = o;
}

/// Reads every cell of `cells` (str; None or NaN for an empty cell) in one loop and returns
/// columns: raw, kind and op as category codes (op -1 for none), value, upper, number,
/// multiplier as float64, unit and text as object arrays.
py::dict parse_columns(const py::object& cells) {
  // Borrow the cells as an array of PyObject*: a numpy object array directly, anything else
  // through a list (PySequence_Fast keeps lists and tuples as they are).
  py::object holder;
  PyObject** items = nullptr;
  std::size_t n = 0;
  if (py::isinstance<py::array>(cells) && py::cast<py::array>(cells).dtype().kind() == 'O') {
    auto arr = py::array::ensure(cells, py::array::c_style);
    if (arr.ndim() != 1) throw py::value_error("parse_values: cells must be one-dimensional");
    holder = arr;
    items = static_cast<PyObject**>(arr.mutable_data());
    n = static_cast<std::size_t>(arr.size());
  } else {
    if (py::isinstance<py::str>(cells) || py::isinstance<py::bytes>(cells))
      throw py::type_error("parse_values: expected an iterable of str (a list or Series), got a single str; "
                           "use parse_value for one cell");
    PyObject* seq = PySequence_Fast(cells.ptr(), "parse_values: cells must be an iterable of str");
    if (!seq) throw py::error_already_set();
    holder = py::reinterpret_steal<py::object>(seq);
    items = PySequence_Fast_ITEMS(seq);
    n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq));
  }

  std::vector<std::string_view> texts(n);
  py::array raw = object_array(n);
  py::str empty_str("");
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* o = items[i];
    if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
      if (!utf8) throw py::error_already_set();
      texts[i] = std::string_view(utf8, static_cast<std::size_t>(size));
      set_object(raw, i, o);
    } else if (o == Py_None || (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o)))) {
      set_object(raw, i, empty_str.ptr());  // an empty cell (pandas reads one as NaN)
    } else {
      throw py::type_error("parse_values: cell " + std::to_string(i) + " is " +
                           std::string(Py_TYPE(o)->tp_name) + ", not str (None or NaN for an empty cell)");
    }
  }

  py::array_t<std::int8_t> kind(n), op(n);
  py::array_t<double> value(n), upper(n), number(n), multiplier(n);
  std::vector<std::int32_t> unit_code(n), text_code(n);
  std::vector<std::string> units, words;  // distinct strings, indexed by the codes
  {
    auto k = kind.mutable_unchecked<1>();
    auto o = op.mutable_unchecked<1>();
    auto va = value.mutable_unchecked<1>();
    auto up = upper.mutable_unchecked<1>();
    auto nu = number.mutable_unchecked<1>();
    auto mu = multiplier.mutable_unchecked<1>();
    py::gil_scoped_release release;
    std::unordered_map<std::string, std::int32_t> unit_index, text_index;
    auto intern = [](std::unordered_map<std::string, std::int32_t>& index, std::vector<std::string>& list,
                     const std::string& s) {
      auto [it, added] = index.try_emplace(s, static_cast<std::int32_t>(list.size()));
      if (added) list.push_back(s);
      return it->second;
    };
    ValueParse parsed;
    for (std::size_t i = 0; i < n; ++i) {
      parse_value(texts[i], parsed);
      const Value& v = parsed.value;
      const auto at = static_cast<py::ssize_t>(i);
      k(at) = static_cast<std::int8_t>(v.kind);
      o(at) = v.op == Comparator::none ? std::int8_t{-1} : static_cast<std::int8_t>(static_cast<int>(v.op) - 1);
      va(at) = v.value;
      up(at) = v.upper;
      nu(at) = v.number;
      mu(at) = v.multiplier;
      unit_code[i] = intern(unit_index, units, v.unit);
      text_code[i] = intern(text_index, words, v.text);
    }
  }
  // One Python str per distinct unit and text, shared by the rows that hold it.
  auto column = [n](const std::vector<std::int32_t>& codes, const std::vector<std::string>& strings) {
    std::vector<py::str> objects(strings.begin(), strings.end());
    py::array out = object_array(n);
    for (std::size_t i = 0; i < n; ++i) set_object(out, i, objects[static_cast<std::size_t>(codes[i])].ptr());
    return out;
  };
  py::list kinds, ops;
  for (auto kk : {ValueKind::empty, ValueKind::number, ValueKind::qualitative, ValueKind::date, ValueKind::invalid})
    kinds.append(py::str(std::string(to_string(kk))));
  for (auto c : {Comparator::ge, Comparator::gt, Comparator::le, Comparator::lt, Comparator::eq, Comparator::range})
    ops.append(py::str(std::string(to_string(c))));
  py::dict out;
  out["raw"] = raw;
  out["kind"] = kind;
  out["op"] = op;
  out["value"] = value;
  out["upper"] = upper;
  out["number"] = number;
  out["multiplier"] = multiplier;
  out["unit"] = column(unit_code, units);
  out["text"] = column(text_code, words);
  out["kind_categories"] = kinds;
  out["op_categories"] = ops;
  return out;
}

}  // namespace

void bind_value(py::module_& m) {
  py::enum_<ValueKind>(m, "ValueKind", "What kind of statement a cell makes.")
      .value("empty", ValueKind::empty)
      .value("number", ValueKind::number)
      .value("qualitative", ValueKind::qualitative)
      .value("date", ValueKind::date)
      .value("invalid", ValueKind::invalid);
  py::enum_<Comparator>(m, "Comparator", "The relation a target states (指标性质); str() gives '>=', '<=' …")
      .value("none", Comparator::none)
      .value("ge", Comparator::ge)
      .value("gt", Comparator::gt)
      .value("le", Comparator::le)
      .value("lt", Comparator::lt)
      .value("eq", Comparator::eq)
      .value("range", Comparator::range);
  py::enum_<Category>(m, "Category", "What a qualitative statement is about, where recognisable.")
      .value("none", Category::none)
      .value("improve", Category::improve)
      .value("maintain", Category::maintain)
      .value("reduce", Category::reduce)
      .value("timely", Category::timely)
      .value("compliant", Category::compliant)
      .value("yes", Category::yes)
      .value("no", Category::no)
      .value("achieved", Category::achieved)
      .value("partly_achieved", Category::partly_achieved)
      .value("not_achieved", Category::not_achieved)
      .value("rule_reference", Category::rule_reference);
  py::enum_<Basis>(m, "Basis", "Standard a target was set against (指标值设定依据).")
      .value("none", Basis::none)
      .value("plan", Basis::plan)
      .value("industry", Basis::industry)
      .value("history", Basis::history)
      .value("other", Basis::other);
  py::enum_<Recurrence>(m, "Recurrence", "How often a date recurs.")
      .value("none", Recurrence::none)
      .value("monthly", Recurrence::monthly)
      .value("yearly", Recurrence::yearly);

  py::class_<CalendarDate>(m, "CalendarDate", "A date as far as it is written (0: part not written).")
      .def_readonly("year", &CalendarDate::year)
      .def_readonly("month", &CalendarDate::month)
      .def_readonly("day", &CalendarDate::day)
      .def_readonly("month_end", &CalendarDate::month_end)
      .def_readonly("every", &CalendarDate::every)
      .def("empty", &CalendarDate::empty, "Nothing written.")
      .def("to_iso", &CalendarDate::to_iso, "ISO 8601 with omitted parts: '2023-12-31', '--12-31', '---25'.")
      .def("__repr__", [](const CalendarDate& d) { return "CalendarDate('" + d.to_iso() + "')"; })
      .def(py::self == py::self);

  py::class_<Value>(m, "Value", R"doc(What one cell (指标值 or 实际完成值) states.

Numbers are split into what was written and what it means; percent stays in points.

>>> v = jixiao.parse_value("≤202.6万元")
>>> v.kind, str(v.op), v.number, v.multiplier, v.value, v.unit
(<ValueKind.number: 1>, '<=', 202.6, 10000.0, 2026000.0, '元')
)doc")
      .def_readonly("raw", &Value::raw, "The cell exactly as given.")
      .def_readonly("kind", &Value::kind)
      .def_readonly("op", &Value::op, "指标性质: the relation stated.")
      .def_readonly("approximate", &Value::approximate, "约, 左右, 上下.")
      .def_readonly("lower_inclusive", &Value::lower_inclusive)
      .def_readonly("upper_inclusive", &Value::upper_inclusive)
      .def_readonly("number", &Value::number, "The number as written, before the multiplier (NaN: none).")
      .def_readonly("multiplier", &Value::multiplier, "万 = 1e4, 亿 = 1e8 …")
      .def_readonly("value", &Value::value, "number × multiplier, in `unit` (lower end of a range).")
      .def_readonly("upper", &Value::upper, "Upper end of a range (NaN: none).")
      .def_readonly("unit", &Value::unit, "度量单位 without the multiplier: 元, %, 人次 …")
      .def_readonly("text", &Value::text, "Qualitative words; for dates, words after the date.")
      .def_readonly("category", &Value::category)
      .def_readonly("date", &Value::date)
      .def_readonly("date_end", &Value::date_end)
      .def_readonly("basis", &Value::basis)
      .def_readonly("note", &Value::note)
      .def("is_number", &Value::is_number)
      .def("equivalent", [](const Value& a, const Value& b) { return equivalent(a, b); }, py::arg("other"),
           "True when both state the same thing (every field but raw).")
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def("__str__", [](const Value& v) { return to_string(v); }, "The canonical spelling: '≥10141人次'.")
      .def("__repr__", &value_repr)
      .def(py::pickle([](const Value& v) { return value_state(v); },
                      [](const std::string& s) { return value_from_state(s); }));

  py::class_<ValueParse>(m, "ValueParse", "A parsed cell with its diagnostics (check_value).")
      .def_readonly("value", &ValueParse::value)
      .def_readonly("diagnostics", &ValueParse::diagnostics)
      .def("ok", &ValueParse::ok, "True when no diagnostic is an error.")
      .def("__repr__", [](const ValueParse& p) {
        return "ValueParse(" + value_repr(p.value) + ", diagnostics=" + std::to_string(p.diagnostics.size()) + ")";
      });

  // str() of the enumerations gives the library's spelling, as the CLI and the JSON use it.
  m.attr("Comparator").attr("__str__") =
      py::cpp_function([](Comparator c) { return std::string(to_string(c)); }, py::is_method(m.attr("Comparator")));
  m.attr("ValueKind").attr("__str__") =
      py::cpp_function([](ValueKind k) { return std::string(to_string(k)); }, py::is_method(m.attr("ValueKind")));

  m.def("parse_value", [](std::string_view text) { return parse_value(text).value; }, py::arg("text"),
        R"doc(Parses one cell (指标值) into a Value; never raises on bad text.

A cell that admits no single reading gives kind `invalid`; check_value says why.

>>> v = jixiao.parse_value("95%以上")
>>> str(v.op), v.value, v.unit
('>=', 95.0, '%')
)doc");
  m.def("check_value", [](std::string_view text) { return parse_value(text); }, py::arg("text"),
        R"doc(Parses one cell and returns the value with its diagnostics.

>>> r = jixiao.check_value("3人/年/6.3")
>>> r.ok(), r.diagnostics[0].code
(False, 'JX103')
)doc");
  m.def("parse_columns", &parse_columns, py::arg("cells"),
        "Parses a column of cells in one call; the columns behind jixiao.parse_values (use that).");
}

}  // namespace jixiao::python
