// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_READ_HPP
#define JIXIAO_READ_HPP

/// \file
/// Reading tables as they are found: tab-separated text copied out of a PDF or Excel (merged
/// cells flattened, labels on the wrong row, cells shifted), CSV exported by Chinese Excel
/// (GBK by default), and jixiao's own JSON.  Nothing is lost: every non-empty line ends up in
/// the table or in a diagnostic with its line number.

#include <jixiao/diagnostic.hpp>
#include <jixiao/table.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// Input format.
enum class Format : std::uint8_t {
  automatic,  ///< decided by content: JSON if it starts with `{`, TSV if lines have tabs, else CSV
  tsv,        ///< tab-separated text
  csv,        ///< RFC 4180 comma-separated values (quoted cells may hold commas and newlines)
  json,       ///< jixiao's own schema (docs/formats.md)
};

/// Input encoding.
enum class Encoding : std::uint8_t {
  automatic,  ///< UTF-8 (with or without BOM) when valid, else GB18030 (which covers GBK)
  utf8,
  gb18030,    ///< also GBK and GB2312, which it extends
};

/// `tsv`, `csv`, `json`, or `auto`.
std::string_view to_string(Format format) noexcept;

/// How to read.
struct ReadOptions {
  Format format = Format::automatic;
  Encoding encoding = Encoding::automatic;
  std::string file_name;   ///< used in diagnostics; read_table sets it to the path
};

/// A table and what was wrong with its input.  Diagnostics carry file, line and column.
struct TableRead {
  Table table;
  std::vector<Diagnostic> diagnostics;
  Format format = Format::automatic;      ///< the format actually read
  Encoding encoding = Encoding::automatic;  ///< the encoding actually read
  /// The name its diagnostics carry (ReadOptions::file_name; read_table: the path): lint and
  /// report_input name their findings with it when not told another.
  std::string file_name;

  /// True when no diagnostic is an error.
  bool ok() const noexcept;
};

/// Reads the file at `path`.  A file that cannot be opened gives an error diagnostic (JX200),
/// not an exception.
[[nodiscard]] TableRead read_table(const std::string& path, ReadOptions options = {});

/// Reads a table from the bytes of a file.
[[nodiscard]] TableRead read_table_text(std::string_view bytes, ReadOptions options = {});

/// The table in jixiao's JSON schema (docs/formats.md); read_table_text gives it back equal.
/// Throws std::invalid_argument when a text in the table is not valid UTF-8: tables read from
/// files never are (readers replace bad bytes), so this is a table built wrongly in code.
[[nodiscard]] std::string to_json(const Table& table);

}  // namespace jixiao

#endif  // JIXIAO_READ_HPP
