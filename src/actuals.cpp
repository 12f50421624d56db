// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Actuals files (docs/formats.md, *Actuals files*): a header row naming the columns, then one
// row per indicator.  Each row is matched to exactly one indicator of the target table by the
// key cells it fills; ambiguity and misses are reported, never resolved by guessing.
//
//   JX440 error    no header row with an actual column and a key column
//   JX441 error    a row matches no indicator
//   JX442 error    a row matches several indicators
//   JX443 warning  a second row for an indicator already given an actual (the first is kept)
//   JX444 warning  indicators of the table the file gives no actual for
//   JX445 warning  a target cell that differs from the table's target (a misaligned file?)
//   JX446 info     a column jixiao does not read
//   JX447 warning  a weight, score or budget cell that is not a number
//   JX448 warning  a row with an empty actual
//   JX449 warning  cells an earlier actuals file gave that this one does not (kept, placeless)
#include <jixiao/actuals.hpp>

#include <jixiao/indicator.hpp>
#include <jixiao/value.hpp>

#include <jixiao/detail/cell_grid.hpp>
#include <jixiao/detail/text.hpp>
#include <jixiao/detail/utf8.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace jixiao {
namespace {

using detail::Cell;
using detail::Row;

/// What a column holds.
enum class Role : std::uint8_t {
  function_no, function, level1, level2, seq, name, actual, weight, score, deviation,
  initial, full_year, executed, target, derived, count_
};
constexpr std::size_t role_count = static_cast<std::size_t>(Role::count_);

struct Heading {
  std::string_view text;
  Role role;
};

// Chinese headings as the official tables write them; English ones as `jixiao read --format csv`
// prints them, so that its output, with an actual column added, is an actuals file.
constexpr Heading headings[] = {
    {"function_no", Role::function_no}, {"职能序号", Role::function_no}, {"职能编号", Role::function_no},
    {"function", Role::function},       {"职能", Role::function},        {"核心职能", Role::function},
    {"level1", Role::level1},           {"一级指标", Role::level1},
    {"level2", Role::level2},           {"二级指标", Role::level2},
    {"seq", Role::seq},                 {"序号", Role::seq},             {"指标序号", Role::seq},
    {"name", Role::name},               {"三级指标", Role::name},        {"指标名称", Role::name},
    {"actual", Role::actual},           {"实际完成值", Role::actual},    {"实际值", Role::actual},
    {"全年实际值", Role::actual},
    {"weight", Role::weight},           {"分值", Role::weight},
    {"score", Role::score},             {"得分", Role::score},
    {"deviation", Role::deviation},     {"偏差原因分析及改进措施", Role::deviation},
    {"偏差原因", Role::deviation},
    {"initial", Role::initial},         {"年初预算数", Role::initial},
    {"full_year", Role::full_year},     {"全年预算数", Role::full_year},
    {"executed", Role::executed},       {"全年执行数", Role::executed},
    {"target", Role::target},           {"指标值", Role::target},        {"年度指标值", Role::target},
    // What `jixiao read --format csv` derives from the target: nothing to merge, nothing lost.
    {"op", Role::derived}, {"value", Role::derived}, {"upper", Role::derived},
    {"unit", Role::derived}, {"kind", Role::derived},
};

/// Text compared as people read it: blanks dropped, full-width ASCII folded (（） → ()).
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const detail::CodePoint c = detail::decode_utf8(p, end);
    const std::size_t n = c.length ? c.length : 1;
    if (c.length && detail::is_blank(c.value)) {
      p += n;
      continue;
    }
    const char32_t f = c.length ? detail::fold_width(c.value) : 0;
    if (c.length && f < 0x80) {
      out += static_cast<char>(f >= 'A' && f <= 'Z' ? f - 'A' + 'a' : f);
    } else {
      out.append(p, n);
    }
    p += n;
  }
  return out;
}

/// A label number at the front (`1`, `１`, `12`), or nothing.
std::optional<int> leading_number(std::string_view& s) {
  int n = 0;
  std::size_t digits = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end && digits < 6) {
    const detail::CodePoint c = detail::decode_utf8(p, end);
    const int d = c.length ? detail::digit_value(c.value) : -1;
    if (d < 0) break;
    n = n * 10 + d;
    ++digits;
    p += c.length;
  }
  if (!digits) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(p - s.data()));
  return n;
}

/// Splits `职能1: 社会救助`, `职能1 社会救助`, `指标2：农村低保` or a bare `3` into a number and a
/// name.  Without the prefix a leading number belongs to the name (`3000元补助`).
void split_label(std::string_view text, std::string_view prefix, std::optional<int>& number, std::string& name) {
  const std::string_view s = detail::trim_blanks(text);
  std::string_view rest = s;
  const bool prefixed = detail::starts_with(rest, prefix);
  if (prefixed) rest.remove_prefix(prefix.size());
  if (const auto n = leading_number(rest)) {
    std::string_view after = detail::trim_blanks(rest);
    if (after.empty() || prefixed) {
      for (std::string_view sep : {":", "：", "、", "."})
        if (detail::starts_with(after, sep)) after.remove_prefix(sep.size());
      number = n;
      name = normalise(after);
      return;
    }
  }
  name = normalise(s);
}

/// The key cells of one row.
struct Key {
  std::optional<int> function_no;
  std::string function;  ///< normalised name, may be empty
  std::string level1;
  std::string level2;
  std::optional<int> seq;
  std::string name;

  std::string describe() const {
    std::string out;
    const auto add = [&out](std::string_view label, const std::string& v) {
      if (v.empty()) return;
      if (!out.empty()) out += ", ";
      out += label;
      out += ' ';
      out += v;
    };
    add("职能", function_no ? std::to_string(*function_no) + (function.empty() ? "" : " " + function) : function);
    add("一级指标", level1);
    add("二级指标", level2);
    add("序号", seq ? std::to_string(*seq) : std::string());
    add("三级指标", name);
    return out;
  }
};

bool level_matches(const std::string& wanted, const std::string& have, bool kind_matches) {
  return wanted.empty() || have == wanted || kind_matches;
}

class Merger {
 public:
  Merger(const Table& targets, std::string file) : file_(std::move(file)) {
    out_.table = targets;
    // Normalised once: every row of the file is compared with every indicator.
    for (const Indicator& i : out_.table.indicators) {
      names_.push_back(normalise(i.name.text));
      level1_.push_back(normalise(i.level1.text));
      level2_.push_back(normalise(i.level2.text));
    }
    for (const CoreFunction& f : out_.table.functions) function_names_.push_back(normalise(f.name.text));
    given_at_.assign(out_.table.indicators.size(), 0);
    // A table can name one actuals file.  What an earlier, different file merged is set aside
    // here: the flags this file sets are its own, and finish() settles the earlier file's rest.
    if (!out_.table.actuals_file.empty() && out_.table.actuals_file != file_) {
      earlier_.reserve(out_.table.indicators.size());
      for (Indicator& i : out_.table.indicators) earlier_.push_back(std::exchange(i.merged, MergedCells{}));
    }
  }

  void header(const Row& row) {
    columns_.assign(row.cells.size(), std::nullopt);
    std::array<bool, role_count> seen{};
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const std::string h = normalise(row.cells[c].text);
      if (h.empty()) continue;
      const auto it = std::find_if(std::begin(headings), std::end(headings),
                                   [&h](const Heading& x) { return normalise(x.text) == h; });
      if (it == std::end(headings)) {
        diag("JX446", Severity::info, "the column `" + std::string(detail::trim_blanks(row.cells[c].text)) +
                                          "` is not an actuals column; it is not read",
             row.cells[c], "docs/formats.md (Actuals files) lists the columns");
        continue;
      }
      const auto r = static_cast<std::size_t>(it->role);
      if (seen[r] && it->role != Role::derived) {
        diag("JX446", Severity::info, "a second `" + std::string(it->text) + "` column; only the first is read",
             row.cells[c]);
        continue;
      }
      seen[r] = true;
      columns_[c] = it->role;
    }
    const auto has = [&seen](Role r) { return seen[static_cast<std::size_t>(r)]; };
    has_header_ = (has(Role::name) || has(Role::seq)) &&
                  (has(Role::actual) || has(Role::weight) || has(Role::score) || has(Role::deviation) ||
                   has(Role::full_year) || has(Role::executed) || has(Role::initial));
    if (!has_header_) {
      diag("JX440", Severity::error,
           "the first row is not an actuals header: it needs a key column (三级指标/name or 序号/seq) and a "
           "value column (实际完成值/actual, 分值, 得分, 全年预算数 …)",
           row.cells.empty() ? Cell{{}, row.line, 1} : row.cells.front(),
           "start the file with a header row, e.g. 职能,三级指标,实际完成值");
    }
  }

  void record(const Row& row) {
    std::array<const Cell*, role_count> cell{};
    for (std::size_t c = 0; c < row.cells.size() && c < columns_.size(); ++c) {
      if (!columns_[c]) continue;  // reported once, at the header
      const auto r = static_cast<std::size_t>(*columns_[c]);
      if (!cell[r] && !detail::trim_blanks(row.cells[c].text).empty()) cell[r] = &row.cells[c];
    }
    for (std::size_t c = columns_.size(); c < row.cells.size(); ++c)
      if (!detail::trim_blanks(row.cells[c].text).empty())
        diag("JX446", Severity::info, "a cell beyond the header's columns; it is not read", row.cells[c]);
    const auto at = [&cell](Role r) { return cell[static_cast<std::size_t>(r)]; };

    Key key;
    if (const Cell* c = at(Role::function_no)) {
      std::string_view s = detail::trim_blanks(c->text);
      key.function_no = leading_number(s);
    }
    if (const Cell* c = at(Role::function)) {
      std::optional<int> n;
      split_label(c->text, "职能", n, key.function);
      if (n && !key.function_no) key.function_no = n;
    }
    if (const Cell* c = at(Role::level1)) key.level1 = normalise(c->text);
    if (const Cell* c = at(Role::level2)) key.level2 = normalise(c->text);
    if (const Cell* c = at(Role::seq)) {
      std::optional<int> n;
      std::string rest;
      split_label(c->text, "指标", n, rest);
      key.seq = n;
    }
    if (const Cell* c = at(Role::name)) {
      std::optional<int> n;
      split_label(c->text, "指标", n, key.name);
      if (n && !key.seq && detail::starts_with(detail::trim_blanks(c->text), "指标")) key.seq = n;
    }
    const Cell* first = nullptr;
    for (const Cell* c : cell)
      if (c && (!first || c->column < first->column)) first = c;
    if (!first) return;  // a blank line

    if (is_budget_key(key) && !at(Role::level1) && !at(Role::level2)) {
      budget(row, cell);
      return;
    }
    if (key.name.empty() && !key.seq) {
      diag("JX441", Severity::error, "the row names no indicator (三级指标 or 序号 is empty); it is not merged", *first);
      return;
    }

    std::vector<std::size_t> found = match(key);
    if (found.empty()) {
      diag("JX441", Severity::error, "no indicator of the table matches " + key.describe() + "; the row is not merged",
           *first, "check the spelling against the target table, or give 职能 and 二级指标");
      return;
    }
    if (found.size() > 1) {
      std::string which;
      for (std::size_t k = 0; k < found.size() && k < 4; ++k) {
        const Indicator& i = out_.table.indicators[found[k]];
        which += (k ? "; " : "") + std::string("line ") + std::to_string(i.name.at.line) + " " + i.level2.text +
                 " " + i.name.text;
      }
      if (found.size() > 4) which += "; …";
      diag("JX442", Severity::error,
           key.describe() + " matches " + std::to_string(found.size()) + " indicators (" + which +
               "); the row is not merged",
           *first, "add the key columns that tell them apart: 职能, 二级指标, 序号");
      return;
    }
    const std::size_t k = found.front();
    Indicator& ind = out_.table.indicators[k];
    if (given_at_[k]) {
      diag("JX443", Severity::warning,
           "a second row for `" + ind.name.text + "` (first on line " + std::to_string(given_at_[k]) +
               "); the first is kept",
           *first);
      return;
    }
    given_at_[k] = row.line;
    ++out_.applied;

    if (const Cell* c = at(Role::target)) {
      if (normalise(c->text) != normalise(ind.target.raw))
        diag("JX445", Severity::warning,
             "the target `" + std::string(detail::trim_blanks(c->text)) + "` differs from the table's `" +
                 ind.target.raw + "` for `" + ind.name.text + "`; the table's is kept",
             *c, "is the file for this table and year?");
    }
    // Each cell the row gives is marked as the file's (Indicator::merged); what it leaves out,
    // or cannot read, stays the table's, where the table's diagnostics put it.
    if (const Cell* c = at(Role::actual)) {
      ind.actual = read_value(*c);
      ind.actual_at = {c->line, c->column};
      ind.merged.actual = true;
    } else {
      diag("JX448", Severity::warning, "no actual for `" + ind.name.text + "` in this row", *first);
    }
    if (const Cell* c = at(Role::weight); c && figure(*c, ind.weight, ind.weight_at, false, "weight (分值)"))
      ind.merged.weight = true;
    if (const Cell* c = at(Role::score); c && figure(*c, ind.score, ind.score_at, false, "score (得分)"))
      ind.merged.score = true;
    if (const Cell* c = at(Role::deviation)) {
      ind.deviation = Text{std::string(detail::trim_blanks(c->text)), {c->line, c->column}};
      ind.merged.deviation = true;
    }
  }

  ActualsRead finish() {
    if (has_header_) {
      std::string names;
      for (std::size_t k = 0; k < given_at_.size(); ++k) {
        if (given_at_[k]) continue;
        if (out_.missing++ < 5) {
          const Indicator& i = out_.table.indicators[k];
          names += (names.empty() ? "" : ", ") + i.name.text;
          if (i.name.at.known()) names += " (table line " + std::to_string(i.name.at.line) + ")";
        }
      }
      if (out_.missing) {
        if (out_.missing > 5) names += ", …";
        file_diag("JX444",
                  std::to_string(out_.missing) + " of " + std::to_string(given_at_.size()) +
                      " indicators have no actual in the file: " + names,
                  "add a row for each, or expect them to be unscored (JX401)");
      }
      forget_earlier_places();
      out_.table.kind = TableKind::self_evaluation;
      out_.table.actuals_file = file_;
    } else {
      for (std::size_t k = 0; k < earlier_.size(); ++k) out_.table.indicators[k].merged = earlier_[k];
    }
    return std::move(out_);
  }

  bool has_header() const noexcept { return has_header_; }

 private:
  static bool is_budget_key(const Key& k) {
    const std::string& n = k.name.empty() ? k.function : k.name;
    return n == normalise("预算执行率") || n == normalise("年度资金总额") || n == normalise("预算资金");
  }

  std::vector<std::size_t> match(const Key& key) const {
    const auto& inds = out_.table.indicators;
    const Level1 l1 = key.level1.empty() ? Level1::unknown : classify_level1(key.level1);
    const Level2 l2 = key.level2.empty() ? Level2::unknown : classify_level2(key.level2);
    const auto canonical = [](auto kind, auto unknown, auto other) { return kind != unknown && kind != other; };
    std::vector<std::size_t> found;
    for (std::size_t k = 0; k < inds.size(); ++k) {
      const Indicator& i = inds[k];
      if (!key.name.empty() && names_[k] != key.name) continue;
      if (key.seq && i.sequence != *key.seq) continue;
      if (key.function_no || !key.function.empty()) {
        // No function, or an index a table built in code got wrong: it matches no function key.
        if (i.function < 0 || static_cast<std::size_t>(i.function) >= function_names_.size()) continue;
        const auto f = static_cast<std::size_t>(i.function);
        if (key.function_no && out_.table.functions[f].number != *key.function_no) continue;
        if (!key.function.empty() && function_names_[f] != key.function) continue;
      }
      if (!level_matches(key.level1, level1_[k], canonical(l1, Level1::unknown, Level1::other) && l1 == i.level1_kind))
        continue;
      if (!level_matches(key.level2, level2_[k], canonical(l2, Level2::unknown, Level2::other) && l2 == i.level2_kind))
        continue;
      found.push_back(k);
    }
    return found;
  }

  void budget(const Row& row, const std::array<const Cell*, role_count>& cell) {
    const auto at = [&cell](Role r) { return cell[static_cast<std::size_t>(r)]; };
    if (budget_line_) {
      diag("JX443", Severity::warning,
           "a second budget row (first on line " + std::to_string(budget_line_) + "); the first is kept",
           Cell{{}, row.line, 1});
      return;
    }
    budget_line_ = row.line;
    auto& lines = out_.table.budget;
    if (lines.empty()) {
      BudgetLine b;
      b.label = Text{"预算执行率", {row.line, 1}};
      b.file = file_;  // its diagnostics are placed in the actuals file, not the table
      lines.push_back(std::move(b));
    }
    BudgetLine& b = lines.front();
    SourceLocation ignored;
    if (const Cell* c = at(Role::initial)) figure(*c, b.initial, ignored, true, "年初预算数");
    if (const Cell* c = at(Role::full_year)) figure(*c, b.full_year, ignored, true, "全年预算数");
    if (const Cell* c = at(Role::executed)) figure(*c, b.executed, ignored, true, "全年执行数");
    if (const Cell* c = at(Role::weight)) figure(*c, b.weight, ignored, false, "weight (分值)");
    if (const Cell* c = at(Role::score)) figure(*c, b.score, ignored, false, "score (得分)");
    if (const Cell* c = at(Role::actual)) {
      // A rate alone (`95.37%`): read as B / A with A = 100, so that min(B/A, 1) × w still holds.
      double rate = 0;
      if (!detail::read_figure(c->text, rate, false)) {
        diag("JX447", Severity::warning,
             "the budget row's actual `" + std::string(detail::trim_blanks(c->text)) +
                 "` is not an execution rate; it is not read",
             *c, "give 全年预算数 and 全年执行数, or a rate such as 95.37%");
      } else {
        b.rate = rate;
        if (!at(Role::full_year) && !at(Role::executed)) {
          b.full_year = 100;
          b.executed = rate;
        }
      }
    }
  }

  /// Reads a number cell into `out`; false (JX447, `out` and `where` unchanged) when it is not one.
  bool figure(const Cell& c, double& out, SourceLocation& where, bool budget, const char* what) {
    double v = 0;
    if (detail::read_figure(c.text, v, budget)) {
      out = v;
      where = {c.line, c.column};
      return true;
    }
    diag("JX447", Severity::warning,
         std::string("the ") + what + " `" + std::string(detail::trim_blanks(c.text)) + "` is not a number; it is not read",
         c);
    return false;
  }

  // Cells an earlier actuals file gave and this one does not keep their values, but their places
  // are in a file the table no longer names: they are dropped rather than put in this file (JX449).
  void forget_earlier_places() {
    std::size_t cells = 0;
    const auto forget = [&cells](bool earlier, bool now, SourceLocation& at) {
      if (earlier && !now) {
        at = {};
        ++cells;
      }
    };
    for (std::size_t k = 0; k < earlier_.size(); ++k) {
      Indicator& i = out_.table.indicators[k];
      forget(earlier_[k].actual, i.merged.actual, i.actual_at);
      forget(earlier_[k].weight, i.merged.weight, i.weight_at);
      forget(earlier_[k].score, i.merged.score, i.score_at);
      forget(earlier_[k].deviation, i.merged.deviation, i.deviation.at);
    }
    if (!cells) return;
    file_diag("JX449",
              "the table already held actuals from `" + out_.table.actuals_file + "`: " + std::to_string(cells) +
                  (cells == 1 ? " cell" : " cells") +
                  " of it this file does not give keep their values, but diagnostics cannot place them",
              "merge one actuals file per table, or give every cell in the last one");
  }

  Value read_value(const Cell& c) {
    return detail::parse_cell_value(c.text, file_, c.line, c.column, out_.diagnostics);
  }

  void diag(const char* code, Severity severity, std::string message, const Cell& at, std::string hint = {}) {
    out_.diagnostics.push_back(
        detail::cell_diagnostic(code, severity, std::move(message), file_, at.line, at.column, std::move(hint)));
  }
  /// A warning about the file as a whole (no line).
  void file_diag(const char* code, std::string message, std::string hint) {
    out_.diagnostics.push_back(
        detail::cell_diagnostic(code, Severity::warning, std::move(message), file_, 0, 0, std::move(hint)));
  }

  std::string file_;
  ActualsRead out_;
  std::vector<std::string> names_, level1_, level2_;  ///< per indicator, normalised
  std::vector<std::string> function_names_;
  std::vector<std::uint32_t> given_at_;  ///< line of the row that gave an indicator its actual
  std::vector<MergedCells> earlier_;     ///< what an earlier actuals file gave, per indicator
  std::vector<std::optional<Role>> columns_;
  bool has_header_ = false;
  std::uint32_t budget_line_ = 0;
};

}  // namespace

bool ActualsRead::ok() const noexcept {
  return !has_errors(diagnostics);
}

ActualsRead apply_actuals_text(const Table& targets, std::string_view bytes, ReadOptions options) {
  if (Diagnostic d; detail::is_workbook(bytes, options.file_name, d)) {
    ActualsRead out;
    out.table = targets;  // nothing merged
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  std::vector<Diagnostic> read_diags;
  std::string utf8;
  detail::decode_text(bytes, options.encoding, utf8, read_diags, options.file_name);
  Format format = options.format;
  if (format == Format::automatic || format == Format::json) format = detail::detect_format(utf8);
  if (format == Format::json) format = Format::csv;  // an actuals file is never JSON

  Merger merger(targets, options.file_name);
  bool header_seen = false;
  detail::for_each_row(utf8, format, read_diags, options.file_name, [&](const Row& row) {
    const bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                                   [](const Cell& c) { return detail::trim_blanks(c.text).empty(); });
    if (blank) return;
    if (!header_seen) {
      header_seen = true;
      merger.header(row);
      return;
    }
    if (merger.has_header()) merger.record(row);
  });
  if (!header_seen) {
    Row empty;
    empty.line = 1;
    merger.header(empty);
  }
  ActualsRead out = merger.finish();
  // Reading problems (encoding, quotes) come first: they explain what follows.
  out.diagnostics.insert(out.diagnostics.begin(), read_diags.begin(), read_diags.end());
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const auto line = [](const Diagnostic& d) { return d.span.line ? d.span.line : UINT32_MAX; };
    return line(a) < line(b);
  });
  return out;
}

ActualsRead apply_actuals(const Table& targets, const std::string& path, ReadOptions options) {
  if (options.file_name.empty()) options.file_name = path;
  std::string bytes;
  const char* failure = nullptr;
  if (!detail::read_file_bytes(path, bytes, failure)) {
    ActualsRead out;
    out.table = targets;
    out.diagnostics.push_back(detail::unreadable_file(path, failure));
    return out;
  }
  return apply_actuals_text(targets, bytes, options);
}

}  // namespace jixiao
