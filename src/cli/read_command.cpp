// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// `jixiao read`: read a table and print it as JSON, or as a tidy CSV/TSV with one row per
// indicator; diagnostics go to standard error, like a compiler's.
#include "commands.hpp"
#include "csv_field.hpp"
#include "printable.hpp"

#include <jixiao/read.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>

namespace jixiao::cli {
namespace {

struct ReadCommandOptions {
  std::string file;
  std::string format = "json";
  std::string input_format = "auto";
  std::string encoding = "auto";
};

std::string number_text(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

/// A field for a tidy table: CSV quotes what needs quoting (RFC 4180); TSV has no quoting, so
/// tabs and line breaks inside a field (U+2028 and U+2029 too, and a CRLF as one) become spaces
/// and each row stays one line.  Both are data: other characters are kept as they are.
std::string field(std::string_view s, bool csv) { return csv ? csv_field(s) : one_line(s, false); }

void print_tidy(const Table& t, bool csv) {
  const char sep = csv ? ',' : '\t';
  const bool self_evaluation = t.kind == TableKind::self_evaluation;
  std::vector<std::string> head = {"function_no", "function", "level1", "level2", "seq",  "name",
                                   "target",      "op",       "value",  "upper",  "unit", "kind"};
  if (self_evaluation) {
    for (const char* h : {"actual", "actual_value", "weight", "score"}) head.emplace_back(h);
  }
  std::string line;
  for (std::size_t i = 0; i < head.size(); ++i) line += (i ? std::string(1, sep) : "") + head[i];
  std::cout << line << '\n';
  for (const Indicator& ind : t.indicators) {
    const CoreFunction* f = ind.function >= 0 ? &t.functions[static_cast<std::size_t>(ind.function)] : nullptr;
    std::vector<std::string> cells = {
        f && f->number ? std::to_string(f->number) : "",
        f ? f->name.text : "",
        ind.level1.text,
        ind.level2.text,
        ind.sequence ? std::to_string(ind.sequence) : "",
        ind.name.text,
        ind.target.raw,
        std::string(to_string(ind.target.op)),
        number_text(ind.target.value),
        number_text(ind.target.upper),
        ind.target.unit,
        std::string(to_string(ind.target.kind)),
    };
    if (self_evaluation) {
      cells.push_back(ind.actual.raw);
      cells.push_back(number_text(ind.actual.value));
      cells.push_back(number_text(ind.weight));
      cells.push_back(number_text(ind.score));
    }
    line.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) line += sep;
      line += field(cells[i], csv);
    }
    std::cout << line << '\n';
  }
}

}  // namespace

Runner add_read_command(CLI::App& app) {
  auto opts = std::make_shared<ReadCommandOptions>();
  auto* sub = app.add_subcommand("read", "Read a target or self-evaluation table (绩效目标表/自评表)");
  sub->add_option("FILE", opts->file, "The table: tab-separated text, CSV or jixiao JSON")->required();
  sub->add_option("--format", opts->format, "Output: json (the full table), csv or tsv (one row per indicator)")
      ->check(CLI::IsMember({"json", "csv", "tsv"}));
  sub->add_option("--input-format", opts->input_format, "Input format, detected by content by default")
      ->check(CLI::IsMember({"auto", "tsv", "csv", "json"}));
  sub->add_option("--encoding", opts->encoding, "Input encoding, detected by default (UTF-8 or GB18030/GBK)")
      ->check(CLI::IsMember({"auto", "utf-8", "gb18030", "gbk"}));
  sub->footer(
      "Diagnostics go to standard error as FILE:LINE:COL: severity CODE: message.\n"
      "Exit status: 0 when the table was read without errors, 1 with errors (the table is still printed), 2 when\n"
      "FILE cannot be opened (or is an Excel workbook: read those from Python) or the output cannot be written.");
  return [opts]() {
    ReadOptions options;
    if (opts->input_format == "tsv") options.format = Format::tsv;
    if (opts->input_format == "csv") options.format = Format::csv;
    if (opts->input_format == "json") options.format = Format::json;
    if (opts->encoding == "utf-8") options.encoding = Encoding::utf8;
    if (opts->encoding == "gb18030" || opts->encoding == "gbk") options.encoding = Encoding::gb18030;
    const TableRead read = read_table(opts->file, options);
    for (const Diagnostic& d : read.diagnostics) std::cerr << to_string(d) << '\n';
    // Nothing was read: an I/O error, as for score, lint and report, and no empty table printed.
    if (find_code(read.diagnostics, "JX200")) return 2;
    if (opts->format == "json") {
      std::cout << to_json(read.table);  // ends with a line end
    } else {
      print_tidy(read.table, opts->format == "csv");
    }
    std::cout.flush();
    return read.ok() ? 0 : 1;
  };
}

}  // namespace jixiao::cli
