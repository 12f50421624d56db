// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Bytes → UTF-8 → rows of cells.  Everything here is a single forward pass (or two, when a
// CSV quote turns out never to close), so that a 10 MB cell or a few MB of binary junk cost
// what reading them costs.  Positions are tracked as the text goes by instead of being
// recomputed from the start of the file, which would make every diagnostic quadratic.
//
// Diagnostics (docs/diagnostics.md, JX2xx):
//   JX201 info     read as GB18030 because the bytes are not UTF-8
//   JX202 warning  a byte that is valid in neither encoding, replaced by U+FFFD (one per line,
//                  at most 20, then a summary)
//   JX203 error    a CSV quote that never closes; re-read as a literal quote
//   JX204 error    NUL bytes (replaced by U+FFFD), reported once at the first
//   JX205 warning  a cell longer than 1 MiB, kept whole
//   JX206 warning  a quote inside an unquoted CSV cell, or text after a closing quote
//   JX207 warning  a quoted cell over several lines that holds commas (a stray quote?)
#include <jixiao/detail/cell_grid.hpp>
#include <jixiao/detail/utf8.hpp>

#include <jixiao/value.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <iconv.h>

namespace jixiao::detail {
namespace {

constexpr std::size_t max_bad_lines_reported = 20;
constexpr std::size_t large_cell_bytes = std::size_t{1} << 20;
constexpr char replacement_utf8[] = "\xEF\xBF\xBD";  // U+FFFD

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
  return buf;
}

bool is_line_end(char c) noexcept { return c == '\n' || c == '\r'; }

/// Line and column just past the end of a UTF-8 buffer that only grows.  Each call reads only
/// what was appended since the last one, so positions cost nothing extra over the whole file.
/// Line ends are LF, CRLF or a lone CR, as split_cells counts them.
class Cursor {
 public:
  void advance_to(const char* data, std::size_t size) noexcept {
    for (; done_ < size; ++done_) {
      const char c = data[done_];
      if (c == '\n') {
        if (!after_cr_) ++line_;  // the CR of a CRLF already counted the line
        column_ = 1;
        after_cr_ = false;
      } else if (c == '\r') {
        ++line_;
        column_ = 1;
        after_cr_ = true;
      } else {
        after_cr_ = false;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column_;
      }
    }
  }
  std::uint32_t line() const noexcept { return line_; }
  std::uint32_t column() const noexcept { return column_; }

 private:
  std::size_t done_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  bool after_cr_ = false;
};

/// JX202 for undecodable bytes: the first on each line, for the first 20 such lines; then one
/// summary, so that a binary file gives a readable handful of diagnostics and not thousands.
class BadByteReport {
 public:
  BadByteReport(std::vector<Diagnostic>& diagnostics, const std::string& file, const char* encoding)
      : diagnostics_(diagnostics), file_(file), encoding_(encoding) {}

  void add(std::uint32_t line, std::uint32_t column, unsigned char byte) {
    if (line == last_line_) return;
    last_line_ = line;
    if (reported_ < max_bad_lines_reported) {
      ++reported_;
      diagnostics_.push_back(cell_diagnostic(
          "JX202", Severity::warning,
          "byte " + hex_byte(byte) + " is not valid " + encoding_ + " and was replaced by U+FFFD", file_, line,
          column, "later bad bytes on the same line are not reported separately"));
      return;
    }
    if (omitted_lines_++ == 0) {
      first_omitted_line_ = line;
      first_omitted_column_ = column;
    }
  }

  void finish() {
    if (omitted_lines_ == 0) return;
    diagnostics_.push_back(cell_diagnostic(
        "JX202", Severity::warning,
        std::to_string(omitted_lines_) + " more lines from line " + std::to_string(first_omitted_line_) +
            " on have bytes that are not valid " + encoding_ + " (replaced by U+FFFD); only the first " +
            std::to_string(max_bad_lines_reported) + " such lines are reported",
        file_, first_omitted_line_, first_omitted_column_));
  }

 private:
  std::vector<Diagnostic>& diagnostics_;
  const std::string& file_;
  const char* encoding_;
  std::uint32_t last_line_ = 0;
  std::size_t reported_ = 0;
  std::size_t omitted_lines_ = 0;
  std::uint32_t first_omitted_line_ = 0;
  std::uint32_t first_omitted_column_ = 0;
};

/// Copies `bytes` as UTF-8, each malformed byte replaced by U+FFFD.
void copy_utf8(std::string_view bytes, std::string& out, std::vector<Diagnostic>& diagnostics,
               const std::string& file) {
  out.clear();
  out.reserve(bytes.size() + 16);
  Cursor cursor;
  BadByteReport report(diagnostics, file, "UTF-8");
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while (p != end) {
    const char* run = p;
    while (p != end) {
      if (static_cast<unsigned char>(*p) < 0x80) { ++p; continue; }
      const CodePoint c = decode_utf8(p, end);
      if (!c.valid) break;
      p += c.length;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    cursor.advance_to(out.data(), out.size());
    report.add(cursor.line(), cursor.column(), static_cast<unsigned char>(*p));
    out += replacement_utf8;
    ++p;
  }
  report.finish();
}

/// Converts GB18030 (and so GBK and GB2312) to UTF-8 with iconv.  A byte iconv rejects
/// (EILSEQ, or EINVAL for a sequence cut short by the end of the file) becomes U+FFFD and the
/// conversion resumes at the next byte, so every iteration consumes input or grows the buffer.
/// Returns false when the system has no GB18030 converter.
bool convert_gb18030(std::string_view bytes, std::string& out, std::vector<Diagnostic>& diagnostics,
                     const std::string& file) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  // Two-byte GBK becomes three bytes of UTF-8; ASCII stays one.
  out.assign(bytes.size() + bytes.size() / 2 + 16, '\0');
  std::size_t used = 0;
  Cursor cursor;
  BadByteReport report(diagnostics, file, "GB18030");
  // iconv's prototype takes char** although it never writes through the input.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  while (in_left != 0) {
    char* out_p = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t r = iconv(cd, &in, &in_left, &out_p, &out_left);
    const int error = errno;
    used = out.size() - out_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (error == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    if (in_left == 0) break;
    if (out.size() - used < sizeof replacement_utf8) out.resize(out.size() * 2);
    cursor.advance_to(out.data(), used);
    report.add(cursor.line(), cursor.column(), static_cast<unsigned char>(*in));
    std::memcpy(out.data() + used, replacement_utf8, sizeof replacement_utf8 - 1);
    used += sizeof replacement_utf8 - 1;
    ++in;
    --in_left;
  }
  iconv_close(cd);
  out.resize(used);
  report.finish();
  return true;
}

/// Replaces NUL bytes by U+FFFD: downstream code (and anyone printing a cell) must not meet a
/// NUL, and a NUL in a table means the file is binary.  One JX204 at the first.
void replace_nuls(std::string& utf8, std::vector<Diagnostic>& diagnostics, const std::string& file,
                  bool utf16_bom) {
  const void* first = std::memchr(utf8.data(), '\0', utf8.size());
  if (first == nullptr) return;
  const auto first_at = static_cast<std::size_t>(static_cast<const char*>(first) - utf8.data());
  Cursor cursor;
  cursor.advance_to(utf8.data(), first_at);
  std::string out;
  out.reserve(utf8.size() + 64);
  std::size_t count = 0;
  std::size_t from = 0;
  for (std::size_t at = first_at; at != std::string::npos; at = utf8.find('\0', from)) {
    out.append(utf8, from, at - from);
    out += replacement_utf8;
    from = at + 1;
    ++count;
  }
  out.append(utf8, from, std::string::npos);
  utf8.swap(out);
  std::string hint = std::to_string(count) + " NUL byte" + (count == 1 ? " was" : "s were") +
                     " replaced by U+FFFD; the first is here";
  if (utf16_bom)
    hint += "; the file starts like UTF-16 (Excel's \"Unicode text\"): save it as UTF-8 or GBK instead";
  diagnostics.push_back(cell_diagnostic("JX204", Severity::error,
                                        "the file contains NUL bytes; it looks binary, not a table", file,
                                        cursor.line(), cursor.column(), std::move(hint)));
}

void report_large_cell(const Cell& cell, std::vector<Diagnostic>& diagnostics, const std::string& file) {
  if (cell.text.size() <= large_cell_bytes) return;
  diagnostics.push_back(cell_diagnostic(
      "JX205", Severity::warning,
      "the cell has " + std::to_string(cell.text.size()) + " bytes, more than 1 MiB; it is kept whole", file,
      cell.line, cell.column, "a cell this long usually means a quote or a line end is missing"));
}

/// First '\r' or '\n' in [p, end), or end.
const char* find_line_end(const char* p, const char* end) noexcept {
  while (p != end && !is_line_end(*p)) ++p;
  return p;
}

/// Past the line end at `p` (CRLF counts as one).
const char* skip_line_end(const char* p, const char* end) noexcept {
  if (*p == '\r' && p + 1 != end && p[1] == '\n') return p + 2;
  return p + 1;
}

/// The end of an Excel-quoted TSV cell that opens at `open` (a `"`): the closing quote, which is
/// followed by a tab, a line end or the end of the text (`""` inside is a quote).  nullptr when
/// there is none: the quote is then an ordinary character.
const char* excel_quote_end(const char* open, const char* end) noexcept {
  const char* q = open + 1;
  for (;;) {
    q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
    if (!q) return nullptr;
    if (q + 1 != end && q[1] == '"') { q += 2; continue; }
    if (q + 1 == end || q[1] == '\t' || is_line_end(q[1])) return q;
    return nullptr;
  }
}

void split_tsv(std::string_view text, std::vector<Diagnostic>& diagnostics, const std::string& file,
               const RowSink& sink) {
  // One Row is reused for every line: its cells keep their buffers, so a large file costs no
  // allocation per cell once the first rows have sized them.
  Row row;
  const char* p = text.data();
  const char* const end = p + text.size();
  std::uint32_t line = 1;
  while (p != end) {
    if (is_line_end(*p)) {  // a line with no characters gives no row
      p = skip_line_end(p, end);
      ++line;
      continue;
    }
    // One record.  A line with only tabs or blanks gives a row of empty or blank cells, which
    // the reader treats as blank.
    row.line = line;
    std::size_t n = 0;
    std::uint32_t column = 1;
    // The line's end, found once per line rather than once per cell (a row of 16,384 mostly
    // empty cells, as Excel copies a whole row, would be quadratic); a quoted cell that spans
    // lines moves past it, and it is found again.
    const char* eol = nullptr;
    for (;;) {
      if (n == row.cells.size()) row.cells.emplace_back();
      Cell& c = row.cells[n++];
      c.line = line;
      c.column = column;
      const char* close = (p != end && *p == '"') ? excel_quote_end(p, end) : nullptr;
      if (close) {
        // Excel's tab-separated export quotes a cell that holds a line break (Alt+Enter) or a
        // quote: the cell may span lines, and "" is a quote.
        c.column = column + 1;
        c.text.clear();
        const char* line_start = nullptr;
        for (const char* q = p + 1; q != close; ++q) {
          if (*q == '"') ++q;  // the first of "" (excel_quote_end guarantees the pair)
          if (is_line_end(*q)) {
            if (*q == '\r' && q + 1 != close && q[1] == '\n') c.text.push_back(*q++);
            ++line;
            line_start = q + 1;
          }
          c.text.push_back(*q);
        }
        column = line_start ? 1 + count_code_points(line_start, close + 1) : column + count_code_points(p, close + 1);
        p = close + 1;
      } else {
        if (!eol || eol < p) eol = find_line_end(p, end);
        const auto* tab = static_cast<const char*>(std::memchr(p, '\t', static_cast<std::size_t>(eol - p)));
        const char* const cell_end = tab ? tab : eol;
        c.text.assign(p, static_cast<std::size_t>(cell_end - p));
        column += count_code_points(p, cell_end);
        p = cell_end;
      }
      report_large_cell(c, diagnostics, file);
      if (p != end && *p == '\t') {
        ++p;
        ++column;
        continue;
      }
      break;
    }
    row.cells.resize(n);
    sink(row);
    if (p != end) {
      p = skip_line_end(p, end);
      ++line;
    }
  }
}

/// RFC 4180 with the leniency of files edited by hand: see split_cells.
class CsvSplitter {
 public:
  CsvSplitter(std::string_view text, std::vector<Diagnostic>& diagnostics, const std::string& file)
      : begin_(text.data()), end_(text.data() + text.size()), p_(begin_), diagnostics_(diagnostics), file_(file) {}

  void run(const RowSink& sink) {
    Row row;  // reused, as in split_tsv
    while (p_ != end_) {
      if (is_line_end(*p_)) {  // an empty line is no record
        new_line(skip_line_end(p_, end_));
        continue;
      }
      row.line = line_;
      std::size_t n = 0;
      for (;;) {
        if (n == row.cells.size()) row.cells.emplace_back();
        Cell& cell = row.cells[n++];
        cell.text.clear();
        if (p_ != end_ && *p_ == '"') {
          if (!read_quoted(cell)) read_unquoted(cell);
        } else {
          read_unquoted(cell);
        }
        report_large_cell(cell, diagnostics_, file_);
        if (p_ == end_) break;
        if (*p_ == ',') {
          ++p_;
          ++column_;
          continue;  // a separator at the end of a line or file is followed by an empty cell
        }
        new_line(skip_line_end(p_, end_));
        break;
      }
      row.cells.resize(n);
      sink(row);
    }
  }

 private:
  void new_line(const char* next) noexcept {
    p_ = next;
    ++line_;
    column_ = 1;
  }

  /// Moves the position over [first, last), which may hold line ends (inside quotes).
  void advance(const char* first, const char* last) noexcept {
    for (const char* q = first; q != last; ++q) {
      if (*q == '\r' || (*q == '\n' && (q == begin_ || q[-1] != '\r'))) {
        ++line_;
        column_ = 1;
      } else if (*q != '\n' && (static_cast<unsigned char>(*q) & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  /// An unquoted cell, or the rest of one: up to a separator or line end.  A quote here is
  /// literal; it is reported once per file, since a file that has one usually has many.
  void read_unquoted(Cell& cell) {
    cell.line = line_;
    cell.column = column_;
    const char* q = p_;
    while (q != end_ && *q != ',' && !is_line_end(*q)) {
      if (*q == '"' && q != p_ && !mid_quote_reported_) {
        mid_quote_reported_ = true;
        diagnostics_.push_back(cell_diagnostic(
            "JX206", Severity::warning, "a quote inside an unquoted cell is read as a literal character", file_,
            line_, column_ + count_code_points(p_, q),
            "to put a quote in a cell, quote the whole cell and double the quote (\"a\"\"b\"); "
            "reported once per file"));
      }
      ++q;
    }
    cell.text.assign(p_, static_cast<std::size_t>(q - p_));
    column_ += count_code_points(p_, q);
    p_ = q;
  }

  /// A quoted cell at p_.  Returns false, with a JX203 and the position unchanged, when the
  /// quote never closes: the caller then reads it as an unquoted cell starting with a literal
  /// quote, so that the rest of the file is not swallowed into one cell.  That scan to the end
  /// happens at most once per file: past an unclosed quote every run of quotes has an even
  /// length, so any later quoted cell closes within its own run.
  bool read_quoted(Cell& cell) {
    const char* const open = p_;
    const std::uint32_t open_line = line_;
    const std::uint32_t open_column = column_;
    std::string text;
    const char* q = open + 1;
    ++column_;
    for (;;) {
      const auto* quote = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end_ - q)));
      if (!quote) {
        diagnostics_.push_back(cell_diagnostic(
            "JX203", Severity::error,
            "the quote that opens this cell is never closed, so it is read as a literal character", file_,
            open_line, open_column, "close the quote, or double it (\"\") inside a quoted cell"));
        p_ = open;
        line_ = open_line;
        column_ = open_column;
        return false;
      }
      advance(q, quote);
      text.append(q, static_cast<std::size_t>(quote - q));
      if (quote + 1 != end_ && quote[1] == '"') {  // "" is one quote
        text.push_back('"');
        column_ += 2;
        q = quote + 2;
        continue;
      }
      p_ = quote + 1;
      ++column_;
      break;
    }
    cell.line = open_line;
    cell.column = open_column + 1;
    if (line_ - open_line >= 2 && text.find(',') != std::string::npos) {
      // Legal, but a quoted cell running over several lines and holding commas is more often a
      // stray quote that swallowed records: point at where it opened.
      diagnostics_.push_back(cell_diagnostic(
          "JX207", Severity::warning,
          "this quoted cell runs from line " + std::to_string(open_line) + " to line " + std::to_string(line_) +
              " and holds commas: the records in between are read as part of the cell",
          file_, open_line, open_column, "if the quote here is a stray one, remove it or double it (\"\")"));
    }
    if (p_ != end_ && *p_ != ',' && !is_line_end(*p_)) {
      // `"a"b`: keep b rather than drop it; said once per file like a literal quote.
      if (!trailing_text_reported_) {
        trailing_text_reported_ = true;
        diagnostics_.push_back(cell_diagnostic(
            "JX206", Severity::warning, "text after the closing quote of a quoted cell is appended to the cell",
            file_, line_, column_, "quote the whole cell; reported once per file"));
      }
      const char* q2 = p_;
      while (q2 != end_ && *q2 != ',' && !is_line_end(*q2)) ++q2;
      text.append(p_, static_cast<std::size_t>(q2 - p_));
      column_ += count_code_points(p_, q2);
      p_ = q2;
    }
    cell.text = std::move(text);
    return true;
  }

  const char* const begin_;
  const char* const end_;
  const char* p_;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  bool mid_quote_reported_ = false;
  bool trailing_text_reported_ = false;
  std::vector<Diagnostic>& diagnostics_;
  const std::string& file_;
};

}  // namespace

/// True when valid multi-byte UTF-8 sequences outnumber invalid bytes ten to one.  GBK text is
/// almost never valid UTF-8 beyond a few characters by chance, so a file that is mostly valid
/// UTF-8 is UTF-8 with damage, not GBK.
bool mostly_utf8(std::string_view bytes) noexcept {
  std::size_t valid = 0, invalid = 0;
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while (p != end) {
    if (static_cast<unsigned char>(*p) < 0x80) { ++p; continue; }
    const CodePoint c = decode_utf8(p, end);
    if (c.valid) {
      ++valid;
      p += c.length;
    } else {
      ++invalid;
      ++p;
    }
  }
  return valid >= 10 * invalid;
}

Encoding decode_text(std::string_view bytes, Encoding requested, std::string& utf8,
                     std::vector<Diagnostic>& diagnostics, const std::string& file) {
  const bool utf16_bom = bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                                                static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                                               (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                                                static_cast<unsigned char>(bytes[1]) == 0xFF));
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.remove_prefix(3);

  Encoding used = requested;
  if (requested == Encoding::automatic) {
    const std::size_t bad = find_invalid_utf8(bytes);
    if (bad == std::string_view::npos) {
      used = Encoding::utf8;
    } else if (mostly_utf8(bytes)) {
      // A UTF-8 file with a few stray bytes (a cell pasted from elsewhere): reading it all as
      // GB18030 would garble every character, so keep UTF-8 and report the bad bytes (JX202).
      used = Encoding::utf8;
      copy_utf8(bytes, utf8, diagnostics, file);
      replace_nuls(utf8, diagnostics, file, utf16_bom);
      return used;
    } else {
      used = Encoding::gb18030;
      // Point at the evidence: the prefix before it is valid UTF-8, so its columns are exact.
      Cursor cursor;
      cursor.advance_to(bytes.data(), bad);
      diagnostics.push_back(cell_diagnostic(
          "JX201", Severity::info, "read as GB18030 (GBK): the file is not UTF-8", file, cursor.line(),
          cursor.column(),
          "the first byte that is not UTF-8 is here; save the file as UTF-8 to avoid the guess"));
    }
  }

  if (used == Encoding::gb18030) {
    if (!convert_gb18030(bytes, utf8, diagnostics, file)) {
      // Only on a system whose iconv lacks GB18030 (a stripped-down libc): read what we can.
      diagnostics.push_back(cell_diagnostic("JX201", Severity::error,
                                            "cannot read as GB18030: this system's iconv has no GB18030 "
                                            "converter, so the file is read as UTF-8",
                                            file, 1, 1));
      used = Encoding::utf8;
      copy_utf8(bytes, utf8, diagnostics, file);
    }
  } else if (requested == Encoding::automatic || find_invalid_utf8(bytes) == std::string_view::npos) {
    utf8.assign(bytes.data(), bytes.size());  // automatic came here only because it is valid
  } else {
    copy_utf8(bytes, utf8, diagnostics, file);
  }
  replace_nuls(utf8, diagnostics, file, utf16_bom);
  return used;
}

Format detect_format(std::string_view utf8) noexcept {
  const char* p = utf8.data();
  const char* const end = p + utf8.size();
  if (utf8.size() >= 3 && utf8.compare(0, 3, "\xEF\xBB\xBF") == 0) p += 3;
  const char* q = p;
  while (q != end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n' || *q == '\f' || *q == '\v')) ++q;
  // A jixiao table is always a JSON object, whose `{` is followed by a key or `}`; `[项目名称]…`
  // and `{草稿}…` are text tables.
  if (q != end && *q == '{') {
    const char* r = q + 1;
    while (r != end && (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n' || *r == '\f' || *r == '\v')) ++r;
    if (r == end || *r == '"' || *r == '}') return Format::json;
  }
  // Lines with a tab against lines with a comma, over the first 20 lines with something on them
  // (blank lines above a title do not use them up), outside quoted cells.  A quote opens a cell
  // only at its start and closes it before a separator or the line's end, as Excel writes both
  // formats, and a quoted cell may span lines: so a CSV cell holding a tab, or a TSV cell holding
  // lines of 1,000-style text, is not counted.  Tabs weigh double: a copied table's text often
  // holds commas, while a CSV from Excel holds a tab only where a cell did.
  int lines = 0, tab_lines = 0, comma_lines = 0;
  bool quoted = false;
  while (p != end && lines < 20) {
    const char* const eol = find_line_end(p, end);
    if (eol != p) {
      bool tab = false, comma = false, cell_start = !quoted;
      for (const char* c = p; c != eol; ++c) {
        if (quoted) {
          if (*c != '"') continue;
          if (c + 1 != eol && c[1] == '"') { ++c; continue; }  // "" inside a quoted cell
          if (c + 1 == eol || c[1] == '\t' || c[1] == ',') quoted = false;
          continue;
        }
        if (*c == '"' && cell_start) quoted = true;
        tab = tab || *c == '\t';
        comma = comma || *c == ',';
        cell_start = *c == '\t' || *c == ',';
      }
      tab_lines += tab;
      comma_lines += comma;
      ++lines;
    }
    p = eol == end ? end : skip_line_end(eol, end);
  }
  return tab_lines > 0 && 2 * tab_lines >= comma_lines ? Format::tsv : Format::csv;
}

void for_each_row(std::string_view utf8, Format format, std::vector<Diagnostic>& diagnostics,
                  const std::string& file, const RowSink& sink) {
  if (format == Format::automatic) format = detect_format(utf8);
  switch (format) {
    case Format::tsv: split_tsv(utf8, diagnostics, file, sink); return;
    case Format::csv: CsvSplitter(utf8, diagnostics, file).run(sink); return;
    case Format::json:
    case Format::automatic: break;
  }
}

std::vector<Row> split_cells(std::string_view utf8, Format format, std::vector<Diagnostic>& diagnostics,
                             const std::string& file) {
  std::vector<Row> rows;
  for_each_row(utf8, format, diagnostics, file, [&rows](const Row& row) { rows.push_back(row); });
  return rows;
}

Diagnostic cell_diagnostic(const char* code, Severity severity, std::string message, const std::string& file,
                           std::uint32_t line, std::uint32_t column, std::string hint) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message = std::move(message);
  d.span.file = file;
  d.span.line = line;
  d.span.column = column;
  d.hint = std::move(hint);
  return d;
}

Value parse_cell_value(std::string_view text, const std::string& file, std::uint32_t line, std::uint32_t column,
                       std::vector<Diagnostic>& out) {
  ValueParse p = parse_value(text);
  for (Diagnostic& d : p.diagnostics) {
    d.span.file = file;
    d.span.line = line;
    d.span.column = column + (d.span.column ? d.span.column - 1 : 0);
    out.push_back(std::move(d));
  }
  return std::move(p.value);
}

bool read_file_bytes(const std::string& path, std::string& bytes, const char*& failure) {
  std::error_code ec;
  std::ifstream in;
  if (!std::filesystem::is_directory(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    failure = "open";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    failure = "read";
    return false;
  }
  bytes = std::move(buffer).str();
  return true;
}

bool is_workbook(std::string_view bytes, const std::string& file, Diagnostic& out) {
  const bool zip = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  const bool ole = bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  if (!zip && !ole) return false;
  out = Diagnostic{};
  out.code = "JX200";
  out.message = std::string(zip ? "an Excel workbook (.xlsx) or another ZIP archive" : "an Excel 97–2003 workbook (.xls)") +
                ", not a text table: it is not read";
  out.hint = "read it from Python (jixiao.read_table reads .xlsx and .xls), or save the sheet as CSV or tab-separated text";
  out.span.file = file;
  return true;
}

Diagnostic unreadable_file(const std::string& path, const char* failure) {
  return cell_diagnostic("JX200", Severity::error, std::string("cannot ") + failure + " `" + path + "`", path, 0, 0);
}

bool read_figure(std::string_view text, double& out, bool budget) {
  const Value v = parse_value(text).value;
  if (v.kind != ValueKind::number || v.op != Comparator::none) return false;
  if (v.unit.empty() || v.unit == "分" || v.unit == "%") {
    out = v.value;
    return true;
  }
  if (budget && v.unit == "元") {
    out = v.value / 1e4;  // multipliers are applied by the parser: 50万元 is 500000 元
    return true;
  }
  return false;
}

}  // namespace jixiao::detail
