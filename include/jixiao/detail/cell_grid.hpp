// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_CELL_GRID_HPP
#define JIXIAO_DETAIL_CELL_GRID_HPP

/// \file
/// The first stage of reading a table: bytes → UTF-8 text → rows of cells, each cell knowing
/// its line and column.  Nothing here knows what a table means; read_table.cpp does that.

#include <jixiao/diagnostic.hpp>
#include <jixiao/read.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// One cell as it stands in the file, not trimmed.
struct Cell {
  std::string text;           ///< UTF-8; quotes of a quoted CSV cell removed and `""` unescaped
  std::uint32_t line = 0;     ///< 1-based line where the cell starts
  std::uint32_t column = 0;   ///< 1-based column (code points) where the cell's text starts
};

/// One record: a line of TSV, or a CSV record (which may span lines).  Empty cells are kept,
/// so that a cell's index is its position in the record.
struct Row {
  std::uint32_t line = 0;     ///< 1-based line where the record starts
  std::vector<Cell> cells;
};

/// Converts `bytes` to UTF-8: strips a UTF-8 BOM; with Encoding::automatic, keeps valid UTF-8
/// and converts anything else from GB18030 (iconv).  Bytes that are neither are replaced by
/// U+FFFD with a diagnostic naming line and column.  Line ends are left as they are.
/// Returns the encoding used.
Encoding decode_text(std::string_view bytes, Encoding requested, std::string& utf8,
                     std::vector<Diagnostic>& diagnostics, const std::string& file);

/// Format by content: `{` first (after blanks) → json; a tab on any of the first lines
/// → tsv; otherwise csv.
Format detect_format(std::string_view utf8) noexcept;

/// Splits UTF-8 text into records.  Line ends: LF, CRLF or a lone CR.  CSV follows RFC 4180
/// (quoted cells may hold separators, quotes as `""` and line ends); problems such as an
/// unbalanced quote give a diagnostic and the record is recovered, never dropped.  Linear in
/// the size of the text.
std::vector<Row> split_cells(std::string_view utf8, Format format, std::vector<Diagnostic>& diagnostics,
                             const std::string& file);

/// Receives one record at a time; the row is only valid during the call.
using RowSink = std::function<void(const Row&)>;

/// Like split_cells, streaming: each record is handed to `sink` as soon as it is split, and
/// the same Row is reused, so reading a large file keeps a small working set.
void for_each_row(std::string_view utf8, Format format, std::vector<Diagnostic>& diagnostics,
                  const std::string& file, const RowSink& sink);

/// A diagnostic about the cell at `line`, `column` of `file` (1-based; 0 when unknown).
Diagnostic cell_diagnostic(const char* code, Severity severity, std::string message, const std::string& file,
                           std::uint32_t line, std::uint32_t column, std::string hint = {});

/// parse_value on a cell's text, its diagnostics moved from columns of the cell to where the
/// cell stands in the file and appended to `out`.
Value parse_cell_value(std::string_view text, const std::string& file, std::uint32_t line, std::uint32_t column,
                       std::vector<Diagnostic>& out);

/// Reads the whole file at `path` into `bytes`.  False when it cannot be opened (or is a
/// directory) or read; `failure` then says which ("open", "read") for a JX200 message.
bool read_file_bytes(const std::string& path, std::string& bytes, const char*& failure);

/// JX200 for a file `read_file_bytes` could not `failure` ("open", "read").
Diagnostic unreadable_file(const std::string& path, const char* failure);

/// Whether `bytes` are an Excel workbook (.xlsx: a ZIP archive; .xls: an OLE compound file),
/// which read as text would give pages of mojibake; if so, the JX200 that says so in `out`.
bool is_workbook(std::string_view bytes, const std::string& file, Diagnostic& out);

/// A weight, score or budget figure in a cell: a plain number, or one in the unit its column
/// implies (分 for weights and scores, % for rates; for budget figures, which tables give in
/// 万元, `50万元` and `500000元` are both 50).  False for anything else.
bool read_figure(std::string_view text, double& out, bool budget);

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_CELL_GRID_HPP
