// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Layout recovery: rows of cells → the indicator tree.  Column positions are not trusted (text
// copied out of a PDF shifts cells and puts merged labels on any row of their block); cells are
// recognised by what they say (职能N:, 产出指标, 数量指标, 指标N:) and the tree is rebuilt from
// the order of rows, using the "指标N" numbering to decide which block an unlabelled row belongs
// to.  Every guess is reported as an info diagnostic with its line, and every non-empty line
// ends up in the table or in a diagnostic.
#include <jixiao/read.hpp>

#include <jixiao/detail/cell_grid.hpp>
#include <jixiao/detail/numeral.hpp>
#include <jixiao/detail/table_json.hpp>
#include <jixiao/detail/text.hpp>
#include <jixiao/detail/utf8.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <iterator>
#include <optional>
#include <sstream>

namespace jixiao {
namespace {

using detail::contains;
using detail::ends_with;
using detail::starts_with;

using detail::Cell;
using detail::CodePoint;
using detail::Row;


/// Trims blanks (ASCII and Unicode) from both ends.
std::string_view trim(std::string_view s) noexcept { return detail::trim_blanks(s); }

std::uint32_t code_points(std::string_view s) { return detail::count_code_points(s.data(), s.data() + s.size()); }

/// A non-empty cell, trimmed, with where its text starts.
struct Item {
  std::string_view text;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::size_t index = 0;  // position in the record

  SourceLocation at() const { return {line, column}; }
  /// Location of `part`, a view into `text`.
  SourceLocation at(std::string_view part) const {
    return {line, column + detail::count_code_points(text.data(), part.data())};
  }
  Text as_text() const { return Text{std::string(text), at()}; }
};

void items_of(const Row& row, std::vector<Item>& items) {
  items.clear();
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const Cell& c = row.cells[i];
    const std::string_view t = trim(c.text);
    if (t.empty()) continue;
    items.push_back({t, c.line, c.column + detail::count_code_points(c.text.data(), t.data()), i});
  }
}

/// Reads a label's number at the front of `s`: digits, or a small Chinese numeral (一 … 九十九);
/// advances `s`.
bool take_label_number(std::string_view& s, int& n);

/// Reads digits (ASCII or full-width) at the front of `s`; advances `s`.
bool take_number(std::string_view& s, int& n) {
  n = 0;
  int digits = 0;
  const char* p = s.data();
  const char* last = p + s.size();
  while (p != last) {
    const CodePoint c = detail::decode_utf8(p, last);
    const int d = detail::digit_value(c.value);
    if (d < 0 || digits >= 6) break;
    n = n * 10 + d;
    ++digits;
    p += c.length;
  }
  s.remove_prefix(static_cast<std::size_t>(p - s.data()));
  return digits > 0;
}

bool take_label_number(std::string_view& s, int& n) {
  if (take_number(s, n)) return true;
  const char* p = s.data();
  if (!detail::scan_small_chinese_number(p, s.data() + s.size(), n)) return false;
  s.remove_prefix(static_cast<std::size_t>(p - s.data()));
  return true;
}

/// Takes a label separator (`:`, `：`, `、`, `.`) at the front of `s`.
bool take_separator(std::string_view& s) {
  s = trim(s);
  for (std::string_view sep : {":", "：", "、", ".", "．"})
    if (starts_with(s, sep)) {
      s.remove_prefix(sep.size());
      return true;
    }
  return false;
}

/// A numbered label, `<prefix>N<separator>rest`: `职能1: 社会救助`, `职能1 社会救助` (a blank for the
/// colon), `职能一、社会福利`, `指标10：城市低保`.
bool parse_numbered_label(std::string_view t, std::string_view prefix, int& number, std::string_view& rest) {
  if (!starts_with(t, prefix)) return false;
  std::string_view s = t.substr(prefix.size());
  if (!take_label_number(s, number)) return false;
  const bool blank = !s.empty() && trim(s).size() < s.size();
  if (!take_separator(s) && !s.empty() && !blank) return false;
  rest = trim(s);
  return true;
}

bool parse_function_header(std::string_view t, int& number, std::string_view& name) {
  return parse_numbered_label(t, "职能", number, name);
}

bool parse_sequence_label(std::string_view t, int& number, std::string_view& rest) {
  return parse_numbered_label(t, "指标", number, rest);
}

/// Drops a trailing bracketed remark: `年度指标值（A）`, `产出指标（50分）` → the label itself.
std::string_view without_bracket_suffix(std::string_view t) {
  for (std::string_view open : {"（", "("}) {
    const auto at = t.rfind(open);
    if (at != std::string_view::npos && at > 0 && (ends_with(t, ")") || ends_with(t, "）"))) return trim(t.substr(0, at));
  }
  return t;
}

bool is_level1_label(std::string_view t) {
  const Level1 k = classify_level1(without_bracket_suffix(t));
  return k != Level1::unknown && k != Level1::other;
}

/// A level-2 label says so (`…指标`), so an indicator named 服务质量 is not taken for one.
bool is_level2_label(std::string_view t) {
  t = without_bracket_suffix(t);
  if (!(ends_with(t, "指标") || ends_with(t, "指标等") || ends_with(t, "指标）") || ends_with(t, "指标)")))
    return false;
  if (code_points(t) > 20 || contains(t, "指标1") || starts_with(t, "指标")) return false;
  const Level2 k = classify_level2(t);
  return k != Level2::unknown && k != Level2::other;
}

/// What a column heading says the column holds.
enum class Role : std::uint8_t {
  none, function, level1, level2, name, target, op, unit, direction, value_type, actual, weight, score, deviation,
  budget_initial, budget_full_year, budget_executed, budget_rate,
  unrecognised,  ///< a heading jixiao does not read (评分标准, 备注): its column is still a column
};

Role heading_role(std::string_view t) {
  t = without_bracket_suffix(t);
  struct Entry { std::string_view word; Role role; };
  static constexpr Entry entries[] = {
      {"核心职能", Role::function}, {"一级指标", Role::level1}, {"二级指标", Role::level2},
      {"三级指标", Role::name}, {"指标名称", Role::name}, {"绩效指标名称", Role::name},
      {"指标值", Role::target}, {"年度指标值", Role::target}, {"目标值", Role::target},
      {"年度目标值", Role::target}, {"预期指标值", Role::target}, {"指标性质", Role::op},
      {"运算符号", Role::op}, {"度量单位", Role::unit}, {"计量单位", Role::unit}, {"指标方向", Role::direction},
      {"正向/反向", Role::direction}, {"指标值类型", Role::value_type}, {"指标类型", Role::value_type},
      {"实际完成值", Role::actual}, {"全年实际值", Role::actual}, {"实际值", Role::actual},
      {"分值", Role::weight}, {"权重", Role::weight}, {"得分", Role::score}, {"自评得分", Role::score},
      {"偏差原因分析及改进措施", Role::deviation}, {"偏差原因分析", Role::deviation}, {"偏差原因", Role::deviation},
      {"年初预算数", Role::budget_initial}, {"全年预算数", Role::budget_full_year},
      {"全年执行数", Role::budget_executed}, {"执行率", Role::budget_rate},
  };
  for (const auto& e : entries)
    if (t == e.word) return e.role;
  return Role::none;
}

bool is_indicator_heading(Role r) {
  return r == Role::level1 || r == Role::level2 || r == Role::name || r == Role::target || r == Role::actual;
}
bool is_budget_heading(Role r) {
  return r == Role::budget_initial || r == Role::budget_full_year || r == Role::budget_executed ||
         r == Role::budget_rate;
}

/// Words that label a block rather than hold data (merged cells down the left edge).
bool is_structural_word(std::string_view t) {
  static constexpr std::string_view words[] = {"年度绩效指标", "绩效指标", "核心职能", "年度指标", "项目资金（万元）",
                                               "项目资金(万元)", "资金情况（万元）", "资金情况(万元)", "项目资金",
                                               "年度资金（万元）", "部门整体支出", "预算执行情况（万元）"};
  for (auto w : words)
    if (t == w) return true;
  return false;
}

bool is_goal_key(std::string_view t) {
  return t == "年度整体绩效目标" || t == "年度绩效目标" || t == "年度目标" || t == "年度总体目标" ||
         t == "整体绩效目标" || t == "绩效目标" || t == "总体目标";
}

bool is_header_key(std::string_view t) {
  static constexpr std::string_view keys[] = {
      "部门(单位)名称", "部门（单位）名称", "单位名称", "部门名称", "预算单位", "预算部门", "主管部门",
      "主管部门及代码", "项目名称", "实施单位", "项目实施单位", "部门职能概述", "职能概述", "部门职责概述",
      "项目负责人", "联系电话", "项目属性", "项目期限", "项目类型", "资金用途", "填报单位", "单位负责人"};
  for (auto k : keys)
    if (t == k) return true;
  return is_goal_key(t);
}

/// A footer line's key: `注：指标值为年度目标`, `填表人：张三`.  Read as header fields, not
/// indicators.
bool split_footer(std::string_view t, std::string_view& key, std::string_view& value) {
  static constexpr std::string_view keys[] = {"注", "备注", "说明", "填表说明", "填表人", "填报人", "联系电话",
                                              "填报日期", "填表日期", "单位负责人", "审核人", "财务负责人",
                                              "项目负责人", "制表人", "经办人"};
  for (std::string_view k : keys) {
    if (!starts_with(t, k)) continue;
    std::string_view rest = t.substr(k.size());
    if (!take_separator(rest)) continue;
    key = k;
    value = trim(rest);
    return true;
  }
  return false;
}

bool is_budget_label(std::string_view t) {
  return contains(t, "资金总额") || contains(t, "财政拨款") || contains(t, "结转资金") || t == "其他资金" ||
         starts_with(t, "其中") || t == "其他" || contains(t, "预算资金");
}

bool is_total_label(std::string_view t) {
  return t == "总分" || t == "合计" || t == "总计" || t == "得分合计" || t == "综合得分" || t == "总得分";
}

/// A table's title: `2024年部门整体支出绩效目标批复表`, `项目支出绩效自评表`.
bool is_title(std::string_view t) {
  return ends_with(t, "表") && (contains(t, "绩效") || contains(t, "目标") || contains(t, "自评"));
}

bool is_grade_word(std::string_view t) { return t == "优" || t == "良" || t == "中" || t == "差"; }

/// Removes HTML-ish markup (`<p>`, `</p>`, `<br/>`) and the common entities.
std::string strip_markup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      // A tag is short: look for its '>' in the next few bytes only, or a cell full of '<'
      // would be searched to its end from every one of them.
      const auto close = s.substr(i, 17).find('>');
      if (close != std::string_view::npos) {
        const std::size_t end = i + close;
        const std::string_view tag = s.substr(i + 1, end - i - 1);
        if (!tag.empty() && (std::isalpha(static_cast<unsigned char>(tag[0])) || tag[0] == '/')) {
          out += ' ';
          i = end + 1;
          continue;
        }
      }
    }
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, std::string_view> entities[] = {
          {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}};
      bool done = false;
      for (const auto& [e, r] : entities)
        if (s.substr(i, e.size()) == e) {
          out += r;
          i += e.size();
          done = true;
          break;
        }
      if (done) continue;
    }
    out += s[i++];
  }
  // Collapse runs of blanks left by removed tags.
  std::string collapsed;
  collapsed.reserve(out.size());
  bool blank = false;
  for (char c : out) {
    if (c == ' ') {
      if (!blank && !collapsed.empty()) collapsed += c;
      blank = true;
    } else {
      collapsed += c;
      blank = false;
    }
  }
  return std::string(trim(collapsed));
}

/// One block of indicators: a function, a level-1 and a level-2 label.
struct Group {
  int function = -1;
  Text level1;
  Level1 level1_kind = Level1::unknown;
  bool level1_inferred = false;
  Text level2;
  Level2 level2_kind = Level2::unknown;
  int max_sequence = 0;
  std::vector<std::size_t> members;

  bool same_block(const Group& o) const {
    return function == o.function && level1.text == o.level1.text && level2.text == o.level2.text;
  }
  void copy_labels(const Group& o) {
    function = o.function;
    level1 = o.level1;
    level1_kind = o.level1_kind;
    level1_inferred = o.level1_inferred;
    level2 = o.level2;
    level2_kind = o.level2_kind;
  }
};

class Reader {
 public:
  Reader(TableRead& out, const std::string& file) : out_(out), t_(out.table), file_(file) {}

  /// Reads one record (called for each, in order), then `finish` once at the end.
  void row(const Row& row);
  void finish();

 private:
  void diag(const char* code, Severity severity, std::string message, SourceLocation at, std::string hint = {}) {
    out_.diagnostics.push_back(
        detail::cell_diagnostic(code, severity, std::move(message), file_, at.line, at.column, std::move(hint)));
  }

  void header_row(const std::vector<Item>& items);
  bool heading_row(const std::vector<Item>& items);
  void budget_row(const std::vector<Item>& items);
  void total_row(const std::vector<Item>& items);
  void indicator_row(const std::vector<Item>& items);
  void read_goals(const Item& cell);
  void place(std::size_t index, int sequence, bool labelled, SourceLocation at);
  void close_pending(bool into_current, SourceLocation at);
  Value read_value(const Item& cell);
  double read_number(const Item& cell, const char* what);
  void unplaced(const Item& item, const char* why);
  void close_unplaced();
  void check_bare_label(const Group& before, bool at_end);

  TableRead& out_;
  Table& t_;
  const std::string& file_;

  bool in_table_ = false;
  bool goals_two_columns_ = false;
  // JX212 per line: the first 20 cells one by one, the rest counted in one more (a row of
  // 300,000 stray cells is not 300,000 warnings, and still none goes unmentioned).
  static constexpr std::size_t unplaced_per_line_ = 20;
  std::uint32_t unplaced_line_ = 0;
  std::size_t unplaced_count_ = 0;
  SourceLocation unplaced_rest_;
  std::vector<std::pair<std::size_t, Role>> roles_;         // indicator columns by index
  std::vector<std::pair<std::size_t, Role>> budget_roles_;  // budget block columns by index
  Group current_;
  Group labels_;                      // the labels in force (function, level 1, level 2)
  std::vector<std::size_t> pending_;  // unlabelled rows whose numbering restarted
  int pending_max_ = 0;
  std::vector<Item> items_;           // the current row's non-empty cells (reused)
  // The last label written on a row of its own (a merged cell flattened), and how many
  // indicators the table had then: if the labels change again before one more indicator is
  // read, the category had none (JX220) and would otherwise vanish without a trace.
  Text bare_label_;
  bool bare_label_is_level2_ = false;
  std::size_t indicators_at_bare_label_ = 0;
  bool second_table_reported_ = false;
};

void Reader::row(const Row& row) {
  {
    items_of(row, items_);
    const std::vector<Item>& items = items_;
    if (items.empty()) return;
    const std::string_view first = items[0].text;
    int n = 0;
    std::string_view rest;
    const bool looks_like_indicator = parse_function_header(first, n, rest) || parse_sequence_label(first, n, rest) ||
                                      is_level1_label(first) || is_level2_label(first);
    if (items.size() == 1 && !t_.title.empty() && in_table_ && is_title(first)) {
      // One table per file: a second title means a second table, which would be merged into
      // this one's tree.  Said once, as an error; its rows are still read (nothing is dropped).
      if (!second_table_reported_) {
        second_table_reported_ = true;
        diag("JX218", Severity::error,
             "a second table starts here (`" + std::string(first) + "`); jixiao reads one table per file, so its "
             "rows are read into the first table",
             items[0].at(), "split the file into one file per table");
      }
      t_.columns.push_back(items[0].as_text());
      return;
    }
    std::string_view footer_key, footer_value;
    if (split_footer(first, footer_key, footer_value)) {
      // 注：… / 填表人：张三 | 联系电话：…: footer fields, each cell its own.
      for (const Item& it : items) {
        if (split_footer(it.text, footer_key, footer_value))
          t_.header.push_back({std::string(footer_key), Text{std::string(footer_value), it.at(footer_value)}});
        else
          unplaced(it, "in a footer line, not after a field name");
      }
      return;
    }
    if (heading_row(items)) return;
    if (is_total_label(first)) { total_row(items); return; }
    if (!budget_roles_.empty() && is_budget_label(first)) { budget_row(items); return; }
    if (looks_like_indicator || (in_table_ && !(is_header_key(first) && !goals_two_columns_))) {
      in_table_ = true;
      goals_two_columns_ = false;
      indicator_row(items);
      return;
    }
    header_row(items);
  }
}

void Reader::check_bare_label(const Group& before, bool at_end) {
  if (bare_label_.empty() || t_.indicators.size() + pending_.size() > indicators_at_bare_label_) {
    if (t_.indicators.size() > indicators_at_bare_label_) bare_label_ = Text{};
    return;
  }
  // Replaced at its own level or above (a new level 2, a new level 1, a new function), or
  // the table ended: nothing was ever read under it.
  const bool replaced = at_end || labels_.function != before.function || labels_.level1.text != before.level1.text ||
                        (bare_label_is_level2_ && labels_.level2.text != before.level2.text);
  if (!replaced) return;
  diag("JX220", Severity::warning,
       "the category `" + bare_label_.text + "` has no indicator under it; it is not in the table",
       bare_label_.at, "add its indicators, or delete the label");
  bare_label_ = Text{};
}

void Reader::finish() {
  close_pending(true, {});
  check_bare_label(labels_, true);
  close_unplaced();
  if (t_.indicators.empty())
    diag("JX219", Severity::warning, "no indicator was found: this does not look like a target table", {1, 1},
         "check the file and its format (--input-format)");
}

// Title, year, header fields, goals: everything above the indicator block.
void Reader::header_row(const std::vector<Item>& items) {
  const std::string_view first = items[0].text;
  if (items.size() == 1 && t_.title.empty() && is_title(first)) {
    t_.title = items[0].as_text();
    if (contains(first, "自评")) t_.kind = TableKind::self_evaluation;
    else if (contains(first, "项目")) t_.kind = TableKind::project_targets;
    else if (contains(first, "部门") || contains(first, "整体")) t_.kind = TableKind::department_targets;
    std::string_view s = first;
    for (std::size_t p = 0; p + 4 <= s.size(); ++p) {
      std::string_view q = s.substr(p);
      int y = 0;
      if (take_number(q, y) && y >= 1900 && y < 2200 && starts_with(q, "年")) { t_.year = y; break; }
    }
    return;
  }
  if (items.size() == 1 && (starts_with(first, "(") || starts_with(first, "（")) && contains(first, "年")) {
    // (2024年度): the year the table is for.
    std::string_view q = first.substr(starts_with(first, "(") ? 1 : std::string_view("（").size());
    int y = 0;
    if (take_number(q, y) && y >= 1900 && y < 2200) {
      if (t_.year == 0) t_.year = y;
      t_.header.push_back({"年度", items[0].as_text()});
      return;
    }
  }
  if (goals_two_columns_ && !is_header_key(first)) {
    // 年度总体目标 | 预期目标 | 实际完成情况: one goal per row, with its outcome.
    Goal g;
    std::string_view text = items[0].text;
    std::string_view rest;
    int n = 0;
    if (parse_numbered_label(text, "目标", n, rest)) text = rest;
    else n = 0;
    g.number = n ? n : static_cast<int>(t_.goals.size()) + 1;
    g.text = Text{strip_markup(text), items[0].at(text)};
    if (items.size() > 1) g.outcome = items[1].as_text();
    for (std::size_t i = 2; i < items.size(); ++i) unplaced(items[i], "after a goal and its outcome");
    t_.goals.push_back(std::move(g));
    return;
  }
  // Key/value pairs: 部门(单位)名称 | 渚源县民政局 | 主管部门 | 渚源县人民政府.
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& key = items[i];
    if (is_structural_word(key.text)) {
      t_.columns.push_back(key.as_text());
      continue;
    }
    if (!is_header_key(key.text)) {
      unplaced(key, "in the table's header block, not after a known field name");
      continue;
    }
    const bool has_value = i + 1 < items.size() && !is_header_key(items[i + 1].text);
    if (is_goal_key(key.text)) {
      if (has_value && (items[i + 1].text == "预期目标" || items[i + 1].text == "年度目标")) {
        goals_two_columns_ = true;
        t_.columns.push_back(items[i + 1].as_text());
        if (i + 2 < items.size()) t_.columns.push_back(items[i + 2].as_text());
        t_.header.push_back({std::string(key.text), Text{}});
        t_.header.back().value.at = key.at();
        return;
      }
      t_.header.push_back({std::string(key.text), has_value ? items[i + 1].as_text() : Text{}});
      if (has_value) read_goals(items[i + 1]);
      if (!has_value) t_.header.back().value.at = key.at();
      i += has_value ? 1 : 0;
      continue;
    }
    HeaderField f{std::string(key.text), has_value ? items[i + 1].as_text() : Text{}};
    if (!has_value) {
      f.value.at = key.at();
      diag("JX216", Severity::warning, "the field `" + std::string(key.text) + "` has no value", key.at());
    }
    t_.header.push_back(std::move(f));
    i += has_value ? 1 : 0;
  }
}

// 目标1: … 目标2: …, possibly wrapped in <p> tags: one Goal each.
void Reader::read_goals(const Item& cell) {
  const std::string_view s = cell.text;
  std::vector<std::size_t> starts;
  for (std::size_t p = s.find("目标"); p != std::string_view::npos; p = s.find("目标", p + 1)) {
    std::string_view q = s.substr(p + std::string_view("目标").size());
    int n = 0;
    if (take_number(q, n) && take_separator(q)) starts.push_back(p);
  }
  if (starts.empty()) {
    t_.goals.push_back({1, Text{strip_markup(s), cell.at()}, {}});
    return;
  }
  // Text before the first label (an introduction) belongs to no numbered goal: keep it as goal 0.
  const std::string before = strip_markup(s.substr(0, starts[0]));
  if (!before.empty()) t_.goals.push_back({0, Text{before, cell.at()}, {}});
  // Columns counted as the goals go by, not from the cell's start for each (a cell with many
  // goals would cost its length times their number).
  std::uint32_t column = cell.column;
  std::size_t counted = 0;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
    std::string_view part = s.substr(starts[k], end - starts[k]);
    column += detail::count_code_points(s.data() + counted, part.data());
    counted = starts[k];
    std::string_view q = part.substr(std::string_view("目标").size());
    int n = 0;
    take_number(q, n);
    take_separator(q);
    t_.goals.push_back({n, Text{strip_markup(q), SourceLocation{cell.line, column}}, {}});
  }
}

// A row of column headings (一级指标 | 二级指标 | 三级指标 | 指标值, or the budget block's).
bool Reader::heading_row(const std::vector<Item>& items) {
  int indicator = 0, budget = 0, other = 0;
  for (const Item& it : items) {
    const Role r = heading_role(it.text);
    if (is_indicator_heading(r)) ++indicator;
    else if (is_budget_heading(r)) ++budget;
    else if (r == Role::none && !is_structural_word(it.text) && heading_role(it.text) == Role::none) ++other;
  }
  // 核心职能 | 年度绩效指标: the upper row of a two-row heading.
  bool upper = !items.empty();
  for (const Item& it : items) upper = upper && (is_structural_word(it.text) || heading_role(it.text) == Role::function);
  if (upper && !in_table_) {
    for (const Item& it : items) t_.columns.push_back(it.as_text());
    return true;
  }
  if (indicator >= 2) {
    roles_.clear();
    for (const Item& it : items) {
      const Role r = heading_role(it.text);
      t_.columns.push_back(it.as_text());
      if (r != Role::none) {
        roles_.emplace_back(it.index, r);
      } else if (!is_structural_word(it.text) && !is_goal_key(it.text)) {
        roles_.emplace_back(it.index, Role::unrecognised);
        diag("JX217", Severity::info,
             "the column `" + std::string(it.text) + "` is not one jixiao reads; its cells are reported", it.at());
      }
    }
    // An 实际完成值 column makes the table a self-evaluation whatever its title says (a target
    // table scored with its actuals and written as the official workbook keeps its title).
    if (std::any_of(roles_.begin(), roles_.end(), [](const auto& r) { return r.second == Role::actual; }))
      t_.kind = TableKind::self_evaluation;
    in_table_ = true;
    return true;
  }
  if (budget >= 2) {
    budget_roles_.clear();
    for (const Item& it : items) {
      const Role r = heading_role(it.text);
      t_.columns.push_back(it.as_text());
      if (r != Role::none) budget_roles_.emplace_back(it.index, r);
    }
    return true;
  }
  return false;
}

void Reader::budget_row(const std::vector<Item>& items) {
  BudgetLine line;
  line.label = items[0].as_text();
  std::vector<const Item*> numbers;
  for (std::size_t i = 1; i < items.size(); ++i) numbers.push_back(&items[i]);
  // By column when the cells stand under their headings, else in heading order.
  bool aligned = true;
  for (const Item* it : numbers) {
    bool found = false;
    for (const auto& [index, role] : budget_roles_) found = found || index == it->index;
    aligned = aligned && found;
  }
  std::size_t next = 0;
  for (const Item* it : numbers) {
    Role role = Role::none;
    if (aligned) {
      for (const auto& [index, r] : budget_roles_)
        if (index == it->index) role = r;
    } else if (next < budget_roles_.size()) {
      role = budget_roles_[next++].second;
    }
    double* field = nullptr;
    switch (role) {
      case Role::budget_initial: field = &line.initial; break;
      case Role::budget_full_year: field = &line.full_year; break;
      case Role::budget_executed: field = &line.executed; break;
      case Role::weight: field = &line.weight; break;
      case Role::budget_rate: field = &line.rate; break;
      case Role::score: field = &line.score; break;
      default: break;
    }
    if (!field) {
      unplaced(*it, "in the budget block, under no heading");
      continue;
    }
    *field = read_number(*it, "budget figure");
  }
  t_.budget.push_back(std::move(line));
}

void Reader::total_row(const std::vector<Item>& items) {
  t_.totals.at = items[0].at();
  std::vector<const Item*> numbers;
  for (std::size_t i = 1; i < items.size(); ++i) {
    const Item& it = items[i];
    if (is_grade_word(it.text)) { t_.totals.grade = it.as_text(); continue; }
    if (it.text == "评级" || it.text == "自评等级" || it.text == "等级" || it.text == "自评结果") continue;
    numbers.push_back(&it);
  }
  std::size_t k = 0;
  for (const Item* it : numbers) {
    Role role = Role::none;
    for (const auto& [index, r] : roles_)
      if (index == it->index) role = r;
    if (role != Role::weight && role != Role::score) role = k == 0 ? Role::weight : (k == 1 ? Role::score : Role::none);
    ++k;
    if (role == Role::weight) t_.totals.weight = read_number(*it, "total weight");
    else if (role == Role::score) t_.totals.score = read_number(*it, "total score");
    else unplaced(*it, "in the total row, after the total weight and score");
  }
}

void Reader::unplaced(const Item& item, const char* why) {
  if (item.line != unplaced_line_) {
    close_unplaced();
    unplaced_line_ = item.line;
  }
  if (++unplaced_count_ > unplaced_per_line_) {
    if (unplaced_count_ == unplaced_per_line_ + 1) unplaced_rest_ = item.at();
    return;
  }
  bool cut = false;
  const std::string_view e = detail::excerpt(item.text, 40, cut);
  diag("JX212", Severity::warning, "the cell `" + std::string(e) + (cut ? "…" : "") + "` is " + why + "; it is not read",
       item.at(), "check the table's layout at this line");
}

void Reader::close_unplaced() {
  if (unplaced_count_ > unplaced_per_line_)
    diag("JX212", Severity::warning,
         std::to_string(unplaced_count_ - unplaced_per_line_) + " more cells from here to the end of the line are not read either",
         unplaced_rest_, "check the table's layout at this line");
  unplaced_count_ = 0;
}

Value Reader::read_value(const Item& cell) {
  return detail::parse_cell_value(cell.text, file_, cell.line, cell.column, out_.diagnostics);
}

double Reader::read_number(const Item& cell, const char* what) {
  double v = 0;
  if (detail::read_figure(cell.text, v, std::string_view(what).find("budget") != std::string_view::npos)) return v;
  if (parse_value(cell.text).value.kind == ValueKind::empty) {
    // `—` or `/` for "not applicable": no figure, said as such (JX110).
    read_value(cell);
    return std::numeric_limits<double>::quiet_NaN();
  }
  diag("JX215", Severity::warning, std::string("the ") + what + " `" + std::string(cell.text) + "` is not a number",
       cell.at());
  return std::numeric_limits<double>::quiet_NaN();
}

void Reader::indicator_row(const std::vector<Item>& items) {
  std::size_t i = 0;
  const SourceLocation row_at = items[0].at();
  while (i < items.size() && is_structural_word(items[i].text)) t_.columns.push_back(items[i++].as_text());
  bool labelled = false;
  const Group labels_before = labels_;
  // 职能N: name
  int number = 0;
  std::string_view rest;
  if (i < items.size() && parse_function_header(items[i].text, number, rest)) {
    CoreFunction f;
    f.number = number;
    if (!rest.empty()) {
      f.name = Text{std::string(rest), items[i].at(rest)};
    }
    ++i;
    if (rest.empty() && i < items.size() && !is_level1_label(items[i].text) && !is_level2_label(items[i].text) &&
        !parse_sequence_label(items[i].text, number, rest)) {
      f.name = items[i].as_text();
      ++i;
    }
    // A layout that writes the function on every row (one row per indicator) names the same
    // function again: the same function, and the labels in force stay.
    int found = -1;
    for (std::size_t k = t_.functions.size(); k-- > 0;)
      if (t_.functions[k].number == f.number && t_.functions[k].name.text == f.name.text) {
        found = static_cast<int>(k);
        break;
      }
    if (found < 0) {
      t_.functions.push_back(std::move(f));
      found = static_cast<int>(t_.functions.size()) - 1;
    }
    if (found != labels_.function) {
      labels_ = Group{};
      labels_.function = found;
    }
    labelled = true;
  }
  // 一级指标.  成本指标 is level 1 only when a level-2 label follows it (tree B).
  if (i < items.size() && is_level1_label(items[i].text) &&
      !(classify_level1(without_bracket_suffix(items[i].text)) == Level1::cost &&
        !(i + 1 < items.size() && is_level2_label(items[i + 1].text)))) {
    const Level1 kind = classify_level1(without_bracket_suffix(items[i].text));
    const bool same_level1 = kind == labels_.level1_kind && kind != Level1::other;
    const bool level2_follows = i + 1 < items.size() && is_level2_label(items[i + 1].text);
    labels_.level1 = items[i].as_text();
    labels_.level1_kind = kind;
    labels_.level1_inferred = false;
    if (!same_level1 || level2_follows) {
      // A new level-1 block.  The same label written again on the middle row of its merged
      // block (no level-2 label beside it) keeps the level-2 in force.
      labels_.level2 = Text{};
      labels_.level2_kind = Level2::unknown;
    }
    ++i;
    labelled = true;
  }
  // 二级指标
  if (i < items.size() && is_level2_label(items[i].text)) {
    labels_.level2 = items[i].as_text();
    labels_.level2_kind = classify_level2(without_bracket_suffix(items[i].text));
    ++i;
    labelled = true;
    const Level1 parent = parent_of(labels_.level2_kind);
    if (parent != Level1::unknown && parent != labels_.level1_kind) {
      // 社会效益指标 under 产出: the level-1 label of this block sits on a later row.
      labels_.level1 = Text{std::string(chinese_name(parent)), {}};
      labels_.level1_kind = parent;
      labels_.level1_inferred = true;
      diag("JX213", Severity::info,
           "`" + labels_.level2.text + "` belongs under " + std::string(chinese_name(parent)) +
               ", which is not written on this row; read as such",
           labels_.level2.at);
    } else if (labels_.level1_kind == Level1::unknown && labels_.level2_kind == Level2::cost) {
      labels_.level1 = Text{std::string(chinese_name(Level1::output)), {}};
      labels_.level1_kind = Level1::output;
      labels_.level1_inferred = true;
    }
  }
  // 指标N:
  int sequence = 0;
  std::string_view name_in_label;
  SourceLocation name_at;
  bool has_sequence = false;
  if (i < items.size() && parse_sequence_label(items[i].text, sequence, name_in_label)) {
    has_sequence = true;
    if (!name_in_label.empty()) name_at = items[i].at(name_in_label);
    ++i;
  }
  std::vector<const Item*> data;
  for (; i < items.size(); ++i) data.push_back(&items[i]);
  if (labelled) check_bare_label(labels_before, false);
  if (!has_sequence && data.empty()) {
    if (!labelled) {
      unplaced(items[0], "neither a label nor an indicator");
    } else if (bare_label_.empty() || labels_.function != labels_before.function ||
               labels_.level1.text != labels_before.level1.text || labels_.level2.text != labels_before.level2.text) {
      // A label on a row of its own: remember it until an indicator is read under it.
      bare_label_is_level2_ = !labels_.level2.empty() && labels_.level2.text != labels_before.level2.text;
      bare_label_ = bare_label_is_level2_ ? labels_.level2 : labels_.level1.empty() ? Text{} : labels_.level1;
      indicators_at_bare_label_ = t_.indicators.size() + pending_.size();
    }
    return;
  }
  if (!has_sequence && !labelled && current_.members.empty() && t_.indicators.empty() && data.size() < 2) {
    for (const Item* d : data) unplaced(*d, "outside any indicator block");
    return;
  }

  Indicator ind;
  std::size_t k = 0;
  if (!name_in_label.empty()) {
    ind.name = Text{std::string(name_in_label), name_at};
  } else if (!data.empty()) {
    ind.name = data[0]->as_text();
    k = 1;
  }
  ind.sequence = sequence;
  // The value cells: under their headings when they stand there, else in heading order.
  std::vector<Role> value_roles;
  bool after_name = false;
  for (const auto& [index, role] : roles_) {
    if (role == Role::name) { after_name = true; continue; }
    if (after_name && role != Role::function && role != Role::level1 && role != Role::level2)
      value_roles.push_back(role);
  }
  if (value_roles.empty()) value_roles.push_back(Role::target);
  bool aligned = !roles_.empty();
  for (std::size_t j = k; j < data.size() && aligned; ++j) {
    bool found = false;
    for (const auto& [index, role] : roles_)
      found = found || (index == data[j]->index && role != Role::name && role != Role::level1 &&
                        role != Role::level2 && role != Role::function);
    aligned = found;
  }
  const Item* op = nullptr;
  const Item* unit = nullptr;
  const Item* target = nullptr;
  std::size_t next = 0;
  for (std::size_t j = k; j < data.size(); ++j) {
    const Item& cell = *data[j];
    Role role = Role::none;
    if (aligned) {
      for (const auto& [index, r] : roles_)
        if (index == cell.index) role = r;
    } else if (next < value_roles.size()) {
      role = value_roles[next++];
    }
    switch (role) {
      case Role::target: target = &cell; break;
      case Role::op: op = &cell; break;
      case Role::unit: unit = &cell; break;
      case Role::direction:
        if (contains(cell.text, "正向")) ind.direction = Direction::higher_is_better;
        else if (contains(cell.text, "反向")) ind.direction = Direction::lower_is_better;
        else unplaced(cell, "in the direction column but neither 正向 nor 反向");
        break;
      case Role::value_type: break;  // 定量/定性: the parsed value already says which
      case Role::actual:
        ind.actual = read_value(cell);
        ind.actual_at = cell.at();
        break;
      case Role::weight:
        ind.weight = read_number(cell, "weight (分值)");
        ind.weight_at = cell.at();
        break;
      case Role::score:
        ind.score = read_number(cell, "score (得分)");
        ind.score_at = cell.at();
        break;
      case Role::deviation: ind.deviation = cell.as_text(); break;
      case Role::unrecognised: unplaced(cell, "in a column jixiao does not read (see the column's JX217)"); break;
      default: unplaced(cell, "after the indicator's cells"); break;
    }
  }
  if (op || unit) {
    // Split columns: 指标性质 | 指标值 | 度量单位 → one cell's worth of text.
    std::string joined;
    if (op) joined += op->text;
    if (target) joined += target->text;
    if (unit && !(target && ends_with(target->text, unit->text))) joined += unit->text;
    const Item* anchor = op ? op : (target ? target : unit);
    ValueParse p = parse_value(joined);
    for (Diagnostic& d : p.diagnostics) {
      d.span.file = file_;
      d.span.line = anchor->line;
      d.span.column = anchor->column;
      out_.diagnostics.push_back(std::move(d));
    }
    ind.target = std::move(p.value);
    ind.target_at = anchor->at();
  } else if (target) {
    ind.target = read_value(*target);
    ind.target_at = target->at();
  }
  if (ind.target.kind == ValueKind::empty && ind.target.raw.empty()) {
    // Kept, with an empty target, and said.
    diag("JX210", Severity::warning, "the indicator `" + ind.name.text + "` has no target value (指标值)", ind.name.at,
         "fill in the target, e.g. ≥95% or 稳步提升");
  }
  const std::size_t index = t_.indicators.size();
  t_.indicators.push_back(std::move(ind));
  place(index, sequence, labelled, row_at);
}

// Which block an indicator belongs to (see the file comment).
void Reader::place(std::size_t index, int sequence, bool labelled, SourceLocation at) {
  auto assign = [this](std::size_t i, const Group& g) {
    Indicator& ind = t_.indicators[i];
    ind.function = g.function;
    ind.level1 = g.level1;
    ind.level1_kind = g.level1_kind;
    ind.level2 = g.level2;
    ind.level2_kind = g.level2_kind;
  };
  if (labelled) {
    Group next;
    next.copy_labels(labels_);
    const bool continues = current_.same_block(next) && (sequence == 0 || sequence == current_.max_sequence + 1);
    if (!pending_.empty()) {
      if (sequence == pending_max_ + 1 || (sequence == 0 && !continues)) {
        // The labels of the pending rows' block sit on this row (指标1 above 指标2's labels).
        for (std::size_t p : pending_) {
          const Indicator& ind = t_.indicators[p];
          diag("JX211", Severity::info,
               "`" + ind.name.text + "` is placed under " +
                   (next.function >= 0 ? t_.functions[static_cast<std::size_t>(next.function)].name.text + " / " : "") +
                   next.level1.text + " / " + next.level2.text + ": its block's labels sit on line " +
                   std::to_string(at.line) + " and its number continues there",
               ind.name.at);
          next.members.push_back(p);
          assign(p, next);
        }
        pending_.clear();
      } else {
        close_pending(true, at);
      }
    }
    if (continues) {
      // The same block, its labels written again (on the middle or last row of a merged block).
      if (current_.level1_inferred && !next.level1_inferred) {
        for (std::size_t m : current_.members) t_.indicators[m].level1 = next.level1;
        current_.level1 = next.level1;
        current_.level1_inferred = false;
      }
      current_.members.push_back(index);
      current_.max_sequence = sequence ? sequence : current_.max_sequence;
      assign(index, current_);
      labels_.copy_labels(current_);  // not the members: a block may be long
      return;
    }
    next.max_sequence = sequence;
    next.members.push_back(index);
    current_ = next;
    assign(index, current_);
    return;
  }
  // No label on the row: the numbering decides.  With no labels in force at all, the row's
  // labels can only come on a later row: it waits like a restart.
  const bool no_labels = current_.level1.empty() && current_.level2.empty() && labels_.level1.empty() &&
                         labels_.level2.empty();
  if (!no_labels && pending_.empty() &&
      (sequence == 0 || current_.members.empty() || sequence == current_.max_sequence + 1)) {
    if (current_.members.empty() && current_.function < 0 && labels_.function >= 0) current_.copy_labels(labels_);
    current_.members.push_back(index);
    if (sequence) current_.max_sequence = sequence;
    assign(index, current_);
    return;
  }
  if (!pending_.empty() && sequence == pending_max_ + 1) {
    pending_.push_back(index);
    pending_max_ = sequence;
    assign(index, current_);  // provisional
    return;
  }
  if (!pending_.empty()) close_pending(true, at);
  pending_.push_back(index);
  pending_max_ = sequence;
  assign(index, current_);  // provisional until the block's labels are seen
}

// Pending rows whose labels never came: they stay in the current block, with a warning.
void Reader::close_pending(bool into_current, SourceLocation) {
  for (std::size_t p : pending_) {
    Indicator& ind = t_.indicators[p];
    const bool unlabelled = current_.level1.empty() && current_.level2.empty();
    diag("JX214", Severity::warning,
         "`" + ind.name.text + "` restarts the numbering (指标" + std::to_string(ind.sequence) +
             ") without labels of its own; " +
             (unlabelled ? std::string("no 一级/二级指标 precedes it, so it has none")
                         : "kept under " + current_.level1.text + " / " + current_.level2.text),
         ind.name.at, "check its 一级/二级指标");
    if (into_current) current_.members.push_back(p);
  }
  pending_.clear();
  pending_max_ = 0;
}

Format detect(std::string_view utf8, Format requested) {
  return requested == Format::automatic ? detail::detect_format(utf8) : requested;
}

}  // namespace

std::string_view to_string(Format format) noexcept {
  switch (format) {
    case Format::automatic: return "auto";
    case Format::tsv: return "tsv";
    case Format::csv: return "csv";
    case Format::json: return "json";
  }
  return "auto";
}

bool TableRead::ok() const noexcept {
  return !has_errors(diagnostics);
}

TableRead read_table_text(std::string_view bytes, ReadOptions options) {
  TableRead out;
  out.file_name = options.file_name;
  // An Excel workbook is not text: one clear error instead of pages of mojibake.
  if (Diagnostic d; detail::is_workbook(bytes, options.file_name, d)) {
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  std::string utf8;
  out.encoding = detail::decode_text(bytes, options.encoding, utf8, out.diagnostics, options.file_name);
  out.format = detect(utf8, options.format);
  if (out.format == Format::json) {
    detail::read_table_json(utf8, options, out);
    return out;
  }
  Reader reader(out, options.file_name);
  detail::for_each_row(utf8, out.format, out.diagnostics, options.file_name,
                       [&reader](const Row& row) { reader.row(row); });
  reader.finish();
  // In order of position.  They nearly are already (a placement is only known a few rows
  // later), so check before sorting.
  auto before = [](const Diagnostic& a, const Diagnostic& b) {
    return a.span.line != b.span.line ? a.span.line < b.span.line : a.span.column < b.span.column;
  };
  if (!std::is_sorted(out.diagnostics.begin(), out.diagnostics.end(), before))
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), before);
  return out;
}

TableRead read_table(const std::string& path, ReadOptions options) {
  if (options.file_name.empty()) options.file_name = path;
  auto failed = [&path, &options](const char* what) {
    TableRead out;
    out.file_name = options.file_name;
    out.diagnostics.push_back(detail::unreadable_file(path, what));
    return out;
  };
  std::string bytes;
  const char* failure = nullptr;
  if (!detail::read_file_bytes(path, bytes, failure)) return failed(failure);
  return read_table_text(bytes, options);
}

}  // namespace jixiao
