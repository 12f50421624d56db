// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// `jixiao value`: parse target values given as arguments or one per line on standard input.
#include "commands.hpp"
#include "printable.hpp"

#include <jixiao/detail/diagnostic_json.hpp>

#include <jixiao/value.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace jixiao::cli {

using detail::diagnostics_json;
namespace {

struct ValueOptions {
  bool json = false;
  std::vector<std::string> expressions;
};

nlohmann::ordered_json number_or_null(double x) {
  if (std::isnan(x)) return nullptr;
  return x;
}

nlohmann::ordered_json to_json(const ValueParse& r) {
  const Value& v = r.value;
  nlohmann::ordered_json j;
  j["raw"] = v.raw;
  j["kind"] = to_string(v.kind);
  j["op"] = to_string(v.op);
  j["value"] = number_or_null(v.value);
  j["upper"] = number_or_null(v.upper);
  j["number"] = number_or_null(v.number);
  j["multiplier"] = v.multiplier;
  j["unit"] = v.unit;
  j["text"] = v.text;
  j["date"] = v.date.to_iso();
  j["date_end"] = v.date_end.to_iso();
  j["diagnostics"] = diagnostics_json(r.diagnostics);
  // Beyond the fields above: what the reading adds.
  j["category"] = to_string(v.category);
  j["approximate"] = v.approximate;
  if (v.op == Comparator::range) {
    j["lower_inclusive"] = v.lower_inclusive;
    j["upper_inclusive"] = v.upper_inclusive;
  }
  j["basis"] = to_string(v.basis);
  j["note"] = v.note;
  j["canonical"] = to_string(v);
  return j;
}

std::string format_double(double x) { return fmt::format("{}", x); }

/// One line a person reads: the cell, its kind, and what was read, separated by tabs; then the
/// diagnostics, one indented line each.  Text from the cell goes through printable(), so that a
/// line break or tab in it (an Excel cell pasted whole) cannot split the line or its fields, nor
/// an escape sequence reach the terminal.
std::string to_text(const ValueParse& r) {
  const Value& v = r.value;
  std::string s = fmt::format("{}\t{}", printable(v.raw), to_string(v.kind));
  auto field = [&s](std::string_view name, const std::string& value) {
    if (!value.empty()) s += fmt::format("\t{}={}", name, printable(value));
  };
  field("op", std::string(to_string(v.op)));
  if (v.kind == ValueKind::number) {
    field("value", format_double(v.value));
    if (v.op == Comparator::range) {
      field("upper", format_double(v.upper));
      // Which ends count, in interval notation: [] both, (] not the lower …
      field("ends", std::string(v.lower_inclusive ? "[" : "(") + (v.upper_inclusive ? "]" : ")"));
    }
    if (v.multiplier != 1) {
      field("number", format_double(v.number));
      field("multiplier", format_double(v.multiplier));
    }
    field("unit", v.unit);
  }
  if (v.kind == ValueKind::date) {
    field("date", v.date.to_iso());
    field("date_end", v.date_end.to_iso());
  }
  field("text", v.text);
  field("category", std::string(to_string(v.category)));
  if (v.approximate) field("approximate", "yes");
  field("note", v.note);
  for (const auto& d : r.diagnostics) s += "\n  " + to_string(d);  // cell text escaped, on one line
  return s;
}

}  // namespace

Runner add_value_command(CLI::App& app, std::vector<std::string> literal) {
  auto opts = std::make_shared<ValueOptions>();
  auto* sub = app.add_subcommand("value", "Parse target values (指标值): arguments, or one per line on stdin");
  sub->add_flag("--json", opts->json, "One JSON object per line");
  // Values are taken as they are, not as CLI11 options: `[90,100]` would otherwise be split at
  // its comma and `-5%` taken for an option.  So options come first: value --json '≥95%'.
  sub->allow_extras();
  sub->prefix_command();
  sub->footer(
      "Usage: jixiao value [--json] [--] [EXPR...]: values to parse, or one per line on standard input when\n"
      "none are given.  Options come before the values; -- ends them.\n"
      "Exit status: 0 when every value was read, 1 when some were invalid (all are still printed).\n"
      "Example: jixiao value '≥10141人次' '95%以上' 稳步提升 '[90,100]'");
  return [opts, sub, literal]() {
    opts->expressions = sub->remaining();
    auto& values = opts->expressions;
    if (!values.empty() && values.front().size() > 2 && values.front().compare(0, 2, "--") == 0 &&
        std::isalpha(static_cast<unsigned char>(values.front()[2]))) {
      // Not a value anyone writes: a mistyped option, which must not be parsed as a value.
      fmt::print(stderr, "jixiao value: unknown option {} (options: --json; put -- before a value that starts with --)\n",
                 values.front());
      return 2;
    }
    values.insert(values.end(), literal.begin(), literal.end());
    bool all_ok = true;
    ValueParse parsed;  // reused: no allocation per value for the common forms
    auto handle = [&](std::string_view text) {
      parse_value(text, parsed);
      if (parsed.value.kind == ValueKind::invalid) all_ok = false;
      // Invalid UTF-8 in a cell is shown with U+FFFD rather than aborting the whole run.
      const std::string line = opts->json ? to_json(parsed).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                                          : to_text(parsed);
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fputc('\n', stdout);
    };
    if (!opts->expressions.empty()) {
      for (const auto& e : opts->expressions) handle(e);
    } else {
      std::string line;
      bool first = true;
      while (std::getline(std::cin, line)) {
        if (first && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // a BOM, as editors on Windows write
        first = false;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        handle(line);
      }
    }
    std::fflush(stdout);
    return all_ok ? 0 : 1;
  };
}

}  // namespace jixiao::cli
