// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The lint rules (docs/rules.md): each walks the table once and reports what a reviewer
// (绩效目标审核) would point at.  The rules read the model only; self-evaluation rules take the
// arithmetic from score_table rather than doing it again.
#include <jixiao/lint.hpp>

#include <jixiao/detail/text.hpp>
#include <jixiao/detail/utf8.hpp>
#include <jixiao/scorecard.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace jixiao {
namespace {

using detail::contains;
using detail::ends_with;
using detail::starts_with;

// The catalogue.  Codes are stable: never renumber, only add.  Keep docs/rules.md in step.
const std::vector<LintRule> catalogue = {
    // Completeness (完整性)
    {"JX300", RuleFamily::completeness, Severity::warning, "指标值为空", "an indicator has no target value",
     "fill in the target, e.g. ≥95% or 稳步提升"},
    {"JX301", RuleFamily::completeness, Severity::warning, "职能缺少产出、效益或满意度指标",
     "a core function lacks an output, outcome or satisfaction indicator",
     "add at least one indicator under each level-1 category (产出指标, 效益指标, 满意度指标)"},
    {"JX302", RuleFamily::completeness, Severity::warning, "一级或二级指标下没有指标",
     "a level-1 or level-2 category holds no indicator",
     "give the category its indicators (二级指标 and 三级指标), or remove it"},
    {"JX303", RuleFamily::completeness, Severity::warning, "表头信息缺失",
     "a header field is missing (department or project, supervising department)",
     "fill in 部门(单位)名称 (or 项目名称) and 主管部门"},
    {"JX304", RuleFamily::completeness, Severity::warning, "缺少年度绩效目标", "the table states no annual goals",
     "state the annual performance goals (年度绩效目标), numbered 目标1, 目标2 …"},
    // Values and units (指标值与度量单位)
    {"JX310", RuleFamily::value, Severity::error, "指标值无法识别", "a target value cannot be read",
     "write operator, number and unit (≥95%, ≥100人) or a qualitative statement (docs/grammar.md)"},
    {"JX311", RuleFamily::value, Severity::error, "模板占位符未替换", "a template placeholder (**) is left in",
     "replace the stars with the figure the template asks for"},
    {"JX312", RuleFamily::value, Severity::warning, "数值带有浮点误差", "a number carries a floating-point artefact",
     "round the number to the precision meant (0.0900000762939453 → 0.09)"},
    {"JX313", RuleFamily::value, Severity::warning, "时效指标中出现Excel日期序号",
     "an Excel date serial in a timeliness row", "write the date itself, e.g. 2021年12月31日前"},
    {"JX314", RuleFamily::value, Severity::warning, "比率超过100%", "a rate above 100%",
     "a rate cannot exceed 100%; check the figure or state a count instead"},
    {"JX315", RuleFamily::value, Severity::warning, "数值缺少计量单位", "a number without a unit",
     "give the unit (人, 个, 万元, %…)"},
    {"JX316", RuleFamily::value, Severity::info, "百分比或数量未写比较符号",
     "a percentage or count without a comparator (scored as \"at least\")",
     "write the comparator meant: ≥ for a floor, = for an exact figure"},
    // Classification (指标归类)
    {"JX330", RuleFamily::classification, Severity::warning, "资金或费用列为数量/质量指标",
     "money listed as a quantity or quality output", "move it to 成本指标"},
    {"JX331", RuleFamily::classification, Severity::warning, "质量指标使用计数单位",
     "a count listed as a quality output", "move it to 数量指标, or state the quality as a rate (合格率, 覆盖率)"},
    {"JX332", RuleFamily::classification, Severity::warning, "二级指标不属于所在一级指标",
     "a level-2 category under the wrong level 1", "move the level-2 category under its own level 1"},
    {"JX333", RuleFamily::classification, Severity::warning, "混用两套指标体系",
     "the table mixes the two indicator trees", "use one tree: 成本指标 under 产出 (tree A) or as level 1 (tree B)"},
    {"JX334", RuleFamily::classification, Severity::warning, "投入或过程指标列为效益指标",
     "an input or process stated as an outcome",
     "move it to 产出指标 (时效 or 质量), and state what the money achieves as the outcome"},
    {"JX335", RuleFamily::classification, Severity::info, "数量指标使用比率", "a rate listed as a quantity output",
     "state the number (≥N人, ≥N个) under 数量指标, or move the rate to 质量指标"},
    // Consistency (一致性)
    {"JX350", RuleFamily::consistency, Severity::warning, "同一职能内指标重复",
     "the same indicator twice in one core function", "merge the rows, or name what tells them apart"},
    {"JX351", RuleFamily::consistency, Severity::warning, "指标名称中的数字与指标值矛盾",
     "a number in the name contradicts the target", "make the name and the target state the same figure"},
    {"JX352", RuleFamily::consistency, Severity::warning, "指标值写在指标名称中",
     "the value is written in the name, not in the target",
     "put the figure in the target (指标值) and keep the name a description"},
    {"JX353", RuleFamily::consistency, Severity::info, "同名通用指标在各职能中指标值不同",
     "the same boilerplate indicator has different targets in different functions",
     "check that the difference is meant"},
    // Satisfaction (满意度指标)
    {"JX370", RuleFamily::satisfaction, Severity::warning, "满意度指标值不是百分比",
     "a satisfaction target is not a percentage", "state satisfaction as a percentage from a survey, e.g. ≥90%"},
    {"JX371", RuleFamily::satisfaction, Severity::warning, "满意度目标为100%",
     "a satisfaction target of 100% cannot be verified", "set a floor a survey can confirm, e.g. ≥95%"},
    {"JX372", RuleFamily::satisfaction, Severity::info, "满意度目标低于80%", "a satisfaction target below 80%",
     "check the figure: satisfaction targets are usually 80% or more"},
    // Self-evaluation (绩效自评)
    {"JX380", RuleFamily::self_evaluation, Severity::warning, "三级指标分值合计与规定不符",
     "the indicator weights do not add up to the policy's total (90 under mof2020)",
     "spread 产出, 效益 and 满意度 weights so that they add up to the policy's total"},
    {"JX381", RuleFamily::self_evaluation, Severity::warning, "分值合计不等于100",
     "the weights of indicators and budget row do not add up to 100", "make the weights add up to 100"},
    {"JX382", RuleFamily::self_evaluation, Severity::info, "一级指标分值与规定不符",
     "a level-1 category's weights differ from the policy's", "check the level-1 weights against the policy's"},
    {"JX383", RuleFamily::self_evaluation, Severity::error, "得分超过分值", "a score above its weight",
     "a score cannot exceed its weight (分值)"},
    {"JX384", RuleFamily::self_evaluation, Severity::warning, "实际完成值照抄指标值",
     "the actual value is copied from the target", "write what was achieved (实际完成值), without ≥ or ≤"},
    {"JX385", RuleFamily::self_evaluation, Severity::info, "自评得分与计分规则不符",
     "a published score differs from the rule score", "check the score, or give the reason in 偏差原因分析"},
};

/// Programmer error: a rule emitted a code the catalogue lacks.
[[noreturn, gnu::cold]] void unknown_code(std::string_view code) {
  throw std::logic_error("jixiao lint: code not in the catalogue: " + std::string(code));
}

/// `text` shortened for a message (40 code points).
std::string quoted(std::string_view text) {
  bool cut = false;
  std::string s = "`" + std::string(detail::excerpt(text, 40, cut));
  if (cut) s += "…";
  return s + "`";
}

std::uint32_t code_points(std::string_view s) {
  return detail::count_code_points(s.data(), s.data() + s.size());
}

std::string shortest(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

bool is_satisfaction(const Indicator& i) {
  return i.level1_kind == Level1::satisfaction || i.level2_kind == Level2::service_satisfaction;
}

bool is_cost(const Indicator& i) {
  return i.level1_kind == Level1::cost || i.level2_kind == Level2::cost || i.level2_kind == Level2::economic_cost ||
         i.level2_kind == Level2::social_cost || i.level2_kind == Level2::ecological_cost;
}

/// Names of rates (知晓率, 满意度, 占比): a bare number or a percentage is natural there.
bool is_rate_name(std::string_view name) {
  for (std::string_view w : {"率", "满意度", "比例", "占比", "比重", "百分比"})
    if (contains(name, w)) return true;
  return false;
}

/// A rate that cannot pass 100%: growth and change rates can.
bool is_bounded_rate_name(std::string_view name) {
  if (!is_rate_name(name)) return false;
  for (std::string_view w : {"增长", "增幅", "增速", "提高", "提升", "上升", "下降", "降低", "减少", "同比", "比上年", "倍"})
    if (contains(name, w)) return false;
  return true;
}

/// Units that count things (人, 个, 户 …); 个月 is a duration and 次/月 a frequency.
bool is_count_unit(std::string_view unit) {
  for (std::string_view u : {"人", "人次", "个", "户", "名", "家", "件", "座", "所", "辆", "处", "场", "次", "项", "套", "台"})
    if (unit == u) return true;
  return false;
}

bool is_money_unit(std::string_view unit) { return starts_with(unit, "元"); }

/// A name that says money: 天然气费, 工作经费, 人员工资, 专项资金.
bool is_money_name(std::string_view name) {
  for (std::string_view w : {"费", "工资", "资金", "成本", "支出", "薪酬"})
    if (ends_with(name, w)) return true;
  return false;
}

/// A name that carries its unit in brackets at the end: 面积(亩), 长度（公里）.
bool has_bracketed_unit(std::string_view name) {
  if (!(ends_with(name, ")") || ends_with(name, "）"))) return false;
  const std::size_t ascii = name.rfind('(');
  const std::size_t wide = name.rfind("（");
  std::size_t open = ascii;
  if (open == std::string_view::npos || (wide != std::string_view::npos && wide > open)) open = wide;
  if (open == std::string_view::npos) return false;
  return code_points(name.substr(open)) <= 6;  // (亩), （万元）: a unit, not a remark
}

/// Column (code points, 1-based within `s`) of the first occurrence of `what`, 0 when absent.
std::uint32_t column_of(std::string_view s, std::string_view what) {
  const std::size_t at = s.find(what);
  return at == std::string_view::npos ? 0 : code_points(s.substr(0, at)) + 1;
}

/// A quantity written in an indicator's name: `8个`, `3000元/具`, `140吨`.
struct NameQuantity {
  double value = 0;
  std::string unit;
  std::string text;  ///< as written
};

/// The quantities in a name: digits followed by a known unit.  Years (2024年) and dates
/// (25日) are not quantities; digits glued to Latin letters (G20) are labels.
std::vector<NameQuantity> name_quantities(std::string_view name) {
  // Longest first, so that 人次 wins over 人 and 万元 over 万.
  static constexpr std::string_view units[] = {"人次", "个月", "公里", "平方米", "万元", "元", "人", "个", "户",
                                               "名",   "家",   "所",   "座",     "件",   "项", "吨", "亩", "米",
                                               "次",   "天",   "年",   "具",     "辆",   "处", "场", "套", "台"};
  std::vector<NameQuantity> out;
  const char* const begin = name.data();
  const char* const end = begin + name.size();
  const char* p = begin;
  char32_t previous = 0;
  while (p != end) {
    detail::CodePoint c = detail::decode_utf8(p, end);
    if (detail::digit_value(c.value) < 0) {
      previous = c.value;
      p += c.length;
      continue;
    }
    const bool glued = (previous < 0x80 && std::isalnum(static_cast<unsigned char>(previous))) || previous == U'.';
    const char* const first = p;
    std::string digits;
    while (p != end) {
      c = detail::decode_utf8(p, end);
      const int d = detail::digit_value(c.value);
      if (d >= 0) digits += static_cast<char>('0' + d);
      else if (c.value == U'.' && !digits.empty()) digits += '.';
      else break;
      p += c.length;
    }
    previous = U'0';
    if (glued) continue;
    double value = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), value).ec != std::errc()) continue;
    const std::string_view rest(p, static_cast<std::size_t>(end - p));
    for (std::string_view u : units) {
      if (!starts_with(rest, u)) continue;
      if (u == "年" && value >= 1900 && value <= 2100) break;  // a year, not a duration
      NameQuantity q;
      q.value = value;
      q.unit = std::string(u);
      if (u == "万元") {
        q.value *= 1e4;
        q.unit = "元";
      }
      std::size_t len = u.size();
      // 元/具, 元/人: a rate of money per thing.
      if (ends_with(u, "元") && starts_with(rest.substr(len), "/")) {
        const std::string_view after = rest.substr(len + 1);
        const detail::CodePoint k = detail::decode_utf8(after.data(), after.data() + after.size());
        if (k.valid && detail::is_ideograph(k.value)) {
          q.unit += "/" + std::string(after.substr(0, k.length));
          len += 1 + k.length;
        }
      }
      q.text = std::string(first, static_cast<std::size_t>(p - first)) + std::string(rest.substr(0, len));
      out.push_back(std::move(q));
      break;
    }
  }
  return out;
}

/// A decimal with a long tail of zeros or nines (0.0900000762939453): a binary float printed in
/// full, as Excel exports do.  Returns the column (1-based in `raw`) of the number, 0 if none.
std::uint32_t float_artefact(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '.' || i == 0 || !std::isdigit(static_cast<unsigned char>(raw[i - 1]))) continue;
    std::size_t j = i + 1;
    while (j < raw.size() && std::isdigit(static_cast<unsigned char>(raw[j]))) ++j;
    const std::string_view fraction = raw.substr(i + 1, j - i - 1);
    if (fraction.size() >= 7 && (contains(fraction, "0000") || contains(fraction, "9999"))) {
      std::size_t start = i;
      while (start > 0 && std::isdigit(static_cast<unsigned char>(raw[start - 1]))) --start;
      return code_points(raw.substr(0, start)) + 1;
    }
  }
  return 0;
}

/// The calendar date of an Excel serial (1900 system: day 1 is 1900-01-01, and Excel counts a
/// 29 February 1900 that never was, so serials from 61 on are days since 1899-12-30).
std::string excel_date(long serial) {
  // Howard Hinnant's civil_from_days, from 1970-01-01 = day 0.
  long z = serial - 25569 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

std::string_view level2_phrase(Level2 l) {
  return l == Level2::quality ? "a quality output (质量指标)" : "a quantity output (数量指标)";
}

class Linter {
 public:
  Linter(const Table& t, const LintOptions& o) : t_(t), o_(o) { tree_ = detect_tree(); }

  LintReport run() {
    header();
    functions();
    std::map<std::pair<int, std::string>, std::size_t> seen;  // (function, name) → first row
    for (std::size_t k = 0; k < t_.indicators.size(); ++k) {
      const Indicator& i = t_.indicators[k];
      categories(i);
      values(i);
      classification(i);
      names(i);
      if (is_satisfaction(i)) satisfaction(i);
      if (!i.name.text.empty()) {
        const auto [it, fresh] = seen.emplace(std::make_pair(i.function, i.name.text), k);
        if (!fresh) duplicate(i, t_.indicators[it->second]);
      }
    }
    boilerplate();
    if (t_.kind == TableKind::self_evaluation) self_evaluation();
    LintReport r;
    r.tree = tree_;
    r.diagnostics = std::move(out_);
    return r;
  }

 private:
  IndicatorTree detect_tree() const {
    if (o_.tree != IndicatorTree::automatic) return o_.tree;
    for (const Indicator& i : t_.indicators)
      if (i.level1_kind == Level1::cost || parent_of(i.level2_kind) == Level1::cost) return IndicatorTree::b;
    return IndicatorTree::a;
  }

  void emit(std::string_view code, SourceLocation at, std::uint32_t length, std::string message,
            std::string hint = {}) {
    emit_in(o_.file_name, code, at, length, std::move(message), std::move(hint));
  }

  /// A finding at a cell of `file`: an actuals file merged into the table (`file_of`).
  void emit_in(const std::string& file, std::string_view code, SourceLocation at, std::uint32_t length,
               std::string message, std::string hint = {}) {
    const LintRule* rule = find_lint_rule(code);
    if (!rule) unknown_code(code);
    if (o_.disabled.count(code)) return;
    Diagnostic d;
    d.code = std::string(code);
    d.severity = rule->severity;
    if (o_.strict && d.severity == Severity::info) d.severity = Severity::warning;
    if (auto s = o_.severity.find(code); s != o_.severity.end()) d.severity = s->second;
    d.message = std::move(message);
    d.span.file = file;
    d.span.line = at.line;
    d.span.column = at.column;
    d.span.length = at.known() ? length : 0;
    d.hint = hint.empty() ? std::string(rule->hint) : std::move(hint);
    out_.push_back(std::move(d));
  }

  void emit_at(std::string_view code, const Text& cell, std::string message, std::string hint = {}) {
    emit(code, cell.at, code_points(cell.text), std::move(message), std::move(hint));
  }

  void emit_target(std::string_view code, const Indicator& i, std::string message, std::string hint = {}) {
    emit(code, i.target_at, code_points(i.target.raw), std::move(message), std::move(hint));
  }

  /// The file a self-evaluation cell is in: the actuals file for a cell it gave
  /// (`Indicator::merged`, a budget line's `file`), the table's otherwise.
  const std::string& file_of(bool merged) const {
    return merged && !t_.actuals_file.empty() ? t_.actuals_file : o_.file_name;
  }
  const std::string& file_of(const BudgetLine& b) const { return b.file.empty() ? o_.file_name : b.file; }

  std::string function_name(int f) const {
    if (f < 0 || static_cast<std::size_t>(f) >= t_.functions.size()) return {};
    return t_.functions[static_cast<std::size_t>(f)].name.text;
  }

  std::string cost_home() const {
    return tree_ == IndicatorTree::b ? "成本指标/经济成本指标" : "产出指标/成本指标";
  }

  // --- completeness -----------------------------------------------------------------------

  void header() {
    const SourceLocation at = t_.title.at;
    const auto missing = [&](std::string_view key, std::string_view what) {
      // A field written without a value points at its key, as the reader's JX216 does.
      for (const HeaderField& f : t_.header)
        if (f.key == key && f.value.text.empty()) {
          emit("JX303", f.value.at, code_points(f.key), "the header field " + std::string(what) + " has no value");
          return;
        }
      emit("JX303", at, 0, "the table does not state " + std::string(what));
    };
    if (t_.field("部门(单位)名称").empty() && t_.field("项目名称").empty()) {
      const bool project = t_.kind == TableKind::project_targets ||
                           std::any_of(t_.header.begin(), t_.header.end(),
                                       [](const HeaderField& f) { return f.key == "项目名称"; });
      missing(project ? "项目名称" : "部门(单位)名称",
              project ? "the project (项目名称)" : "the department (部门(单位)名称)");
    }
    if (t_.field("主管部门").empty()) missing("主管部门", "the supervising department (主管部门)");
    if (t_.goals.empty())
      emit("JX304", at, 0, "the table states no annual performance goals (年度绩效目标)");
  }

  /// JX301: each core function (or a table without functions, as one) has 产出, 效益 and
  /// 满意度 indicators, and 成本 in tree B.  Local trees (决策/过程…) are not checked.
  void functions() {
    struct Present {
      bool any = false, local = false, output = false, outcome = false, satisfaction = false, cost = false;
    };
    // One pass over the indicators: a table has thousands of functions in a pipeline.
    const std::size_t groups = t_.functions.empty() ? 1 : t_.functions.size();
    std::vector<Present> present(groups);
    for (const Indicator& i : t_.indicators) {
      const std::size_t f = t_.functions.empty() ? 0 : static_cast<std::size_t>(i.function);
      if ((t_.functions.empty() && i.function != -1) || (!t_.functions.empty() && (i.function < 0 || f >= groups)))
        continue;
      Present& p = present[f];
      p.any = true;
      p.local = p.local || i.level1_kind == Level1::other;
      p.output = p.output || i.level1_kind == Level1::output;
      p.outcome = p.outcome || i.level1_kind == Level1::outcome;
      p.satisfaction = p.satisfaction || i.level1_kind == Level1::satisfaction;
      p.cost = p.cost || i.level1_kind == Level1::cost;
    }
    for (std::size_t f = 0; f < groups; ++f) {
      const int index = t_.functions.empty() ? -1 : static_cast<int>(f);
      const auto [any, local, output, outcome, satisfaction, cost] = present[f];
      if (!any || local) continue;
      std::vector<std::string_view> lacking;
      if (!output) lacking.push_back("产出指标");
      if (!outcome) lacking.push_back("效益指标");
      if (!satisfaction) lacking.push_back("满意度指标");
      if (tree_ == IndicatorTree::b && !cost) lacking.push_back("成本指标");
      if (lacking.empty()) continue;
      std::string list;
      for (std::size_t k = 0; k < lacking.size(); ++k)
        list += (k == 0 ? "" : k + 1 == lacking.size() ? " or " : ", ") + std::string(lacking[k]);
      if (index >= 0) {
        const CoreFunction& cf = t_.functions[f];
        emit_at("JX301", cf.name, "the core function " + quoted(cf.name.text) + " has no " + list + " indicator");
      } else {
        emit("JX301", t_.title.at, 0, "the table has no " + list + " indicator");
      }
    }
  }

  /// JX302: a level 1 without level 2, a level 2 without an indicator name.
  void categories(const Indicator& i) {
    if (!i.level1.empty() && i.level2.empty() && i.level1_kind != Level1::other) {
      if (mark(i.level1.at))
        emit_at("JX302", i.level1, "the level-1 category " + quoted(i.level1.text) + " has no level-2 category (二级指标)",
                "put its indicators under a level-2 category (数量指标, 社会效益指标 …)");
    }
    if (i.name.text.empty() && !i.level2.empty()) {
      if (mark(i.level2.at))
        emit_at("JX302", i.level2, "the level-2 category " + quoted(i.level2.text) + " has no indicator (三级指标)");
    }
  }

  // --- values -----------------------------------------------------------------------------

  void values(const Indicator& i) {
    const Value& v = i.target;
    if (v.kind == ValueKind::empty && !i.name.text.empty()) {
      // At the name, where the reader's JX210 is: an empty cell may have no position.
      emit_at("JX300", i.name, "the indicator " + quoted(i.name.text) + " has no target value (指标值)");
    }
    // Placeholders: in the name the reader does not look; in the target it reports JX102.
    const std::uint32_t star = std::max(column_of(i.name.text, "**"), column_of(i.name.text, "＊＊"));
    if (star)
      emit("JX311", shift(i.name.at, star), 2, "the name " + quoted(i.name.text) + " still holds a template placeholder (**)");
    if (v.kind == ValueKind::invalid) {
      const std::uint32_t star = std::max(column_of(v.raw, "*"), column_of(v.raw, "＊"));
      if (star) {
        emit("JX311", shift(i.target_at, star), 1, "the target " + quoted(v.raw) + " still holds a template placeholder (*)");
      } else {
        emit_target("JX310", i, "the target " + quoted(v.raw) + " of " + quoted(i.name.text) + " cannot be read");
      }
    }
    for (const auto& [value, at, merged] : {std::tuple<const Value*, SourceLocation, bool>{&v, i.target_at, false},
                                            {&i.actual, i.actual_at, i.merged.actual}}) {
      if (const std::uint32_t c = float_artefact(value->raw))
        emit_in(file_of(merged), "JX312", shift(at, c), 0,
                "the number in " + quoted(value->raw) + " is a floating-point artefact (a binary fraction printed in full)");
    }
    if (!v.is_number()) return;

    if (i.level2_kind == Level2::timeliness && v.unit.empty() && v.number == std::floor(v.number) &&
        v.number >= 20000 && v.number <= 80000) {
      emit_target("JX313", i,
                  "the timeliness target " + quoted(v.raw) + " looks like an Excel date serial (" +
                      excel_date(static_cast<long>(v.number)) + ")",
                  "write the date itself: " + excel_date(static_cast<long>(v.number)) + "前");
    }
    if (v.unit == "%" && (v.value > 100 || (!std::isnan(v.upper) && v.upper > 100)) && is_bounded_rate_name(i.name.text)) {
      emit_target("JX314", i, "the rate " + quoted(i.name.text) + " has the target " + quoted(v.raw) + ", above 100%");
    }
    if (v.unit.empty() && !is_rate_name(i.name.text) && !has_bracketed_unit(i.name.text) &&
        !(money_misplaced(i) && !o_.disabled.count("JX330"))) {  // JX330's hint asks for the unit
      emit_target("JX315", i, "the target " + quoted(v.raw) + " of " + quoted(i.name.text) + " has no unit");
    }
    const bool ceiling = v.unit == "%" && v.value == 100;  // at least 100% and exactly 100% coincide
    if (v.op == Comparator::none && (v.unit == "%" || is_count_unit(v.unit)) && !ceiling && !is_cost(i)) {
      emit_target("JX316", i,
                  "the target " + quoted(v.raw) + " has no comparator; it is scored as at least " + v.raw + " (≥" +
                      v.raw + ")");
    }
  }

  static SourceLocation shift(SourceLocation at, std::uint32_t column_in_cell) {
    if (!at.known()) return at;
    return {at.line, at.column + column_in_cell - 1};
  }

  // --- classification ---------------------------------------------------------------------

  /// Money under 数量/质量: a unit in 元, or a cost name (天然气费) whose target is not a count or
  /// rate (a bare number, nothing, or unreadable).
  bool money_misplaced(const Indicator& i) const {
    if (i.level2_kind != Level2::quantity && i.level2_kind != Level2::quality) return false;
    if (i.target.is_number() && is_money_unit(i.target.unit)) return true;
    const bool counted = i.target.is_number() && !i.target.unit.empty();
    return is_money_name(i.name.text) && !counted && i.target.kind != ValueKind::qualitative &&
           i.target.kind != ValueKind::date;
  }

  void classification(const Indicator& i) {
    const Value& v = i.target;
    if (money_misplaced(i)) {
      const bool by_unit = v.is_number() && is_money_unit(v.unit);
      std::string message = quoted(i.name.text) +
                            (by_unit ? " is measured in " + v.unit + ": a cost, not " : " is a cost, not ") +
                            std::string(level2_phrase(i.level2_kind));
      std::string hint = "move it to " + cost_home();
      if (v.is_number() && v.unit.empty()) hint += " and give it a unit (元 or 万元)";
      emit_at("JX330", i.name, std::move(message), std::move(hint));
    }
    if (i.level2_kind == Level2::quality && v.is_number() && is_count_unit(v.unit)) {
      emit_at("JX331", i.name,
              quoted(i.name.text) + " counts " + v.unit + " (" + v.raw + "): a quantity, not a quality output (质量指标)");
    }
    // A level 2 under the wrong level 1 (社会效益指标 under 产出指标).  成本指标 as a level 2
    // belongs under 产出 in tree A; in tree B it is the tree mix below.
    const Level1 parent = i.level2_kind == Level2::cost ? Level1::output : parent_of(i.level2_kind);
    const bool canonical1 = i.level1_kind == Level1::output || i.level1_kind == Level1::outcome ||
                            i.level1_kind == Level1::satisfaction || i.level1_kind == Level1::cost;
    if (parent != Level1::unknown && canonical1 && parent != i.level1_kind &&
        !(i.level2_kind == Level2::cost && i.level1_kind == Level1::cost) && mark(i.level2.at, 1)) {
      emit_at("JX332", i.level2,
              quoted(i.level2.text) + " belongs under " + std::string(chinese_name(parent)) + ", not under " +
                  quoted(i.level1.text));
    }
    if (tree_ == IndicatorTree::a && i.level1_kind == Level1::cost && mark(i.level1.at, 2)) {
      emit_at("JX333", i.level1,
              "成本指标 as a level-1 category is tree B (财预〔2021〕101号), but the table follows tree A",
              "under tree A, put costs in 产出指标/成本指标");
    } else if (tree_ == IndicatorTree::a && parent_of(i.level2_kind) == Level1::cost && i.level1_kind != Level1::cost &&
               mark(i.level2.at, 2)) {
      emit_at("JX333", i.level2,
              quoted(i.level2.text) + " is a tree-B category (财预〔2021〕101号), but the table follows tree A",
              "under tree A, put costs in 产出指标/成本指标");
    } else if (tree_ == IndicatorTree::b && i.level2_kind == Level2::cost && i.level1_kind != Level1::cost &&
               mark(i.level2.at, 2)) {
      emit_at("JX333", i.level2,
              "成本指标 under " + quoted(i.level1.text) + " is tree A, but the table follows tree B (成本指标 as level 1)",
              "under tree B, put costs in 成本指标/经济成本指标 (社会成本指标, 生态环境成本指标)");
    }
    if (i.level1_kind == Level1::outcome && is_input_name(i.name.text)) {
      emit_at("JX334", i.name, quoted(i.name.text) + " measures money paid out (an input), not an outcome (效益指标)");
    }
    if (i.level2_kind == Level2::quantity && v.is_number() && v.unit == "%") {
      emit_at("JX335", i.name, quoted(i.name.text) + " is a rate (" + v.raw + "), not a quantity (数量指标)");
    }
  }

  /// 资金到位率, 资金拨付, 资金按时发放率, 预算执行率: how the money moved, not what it achieved.
  static bool is_input_name(std::string_view name) {
    if (contains(name, "预算执行") || contains(name, "到位率") || contains(name, "拨付率")) return true;
    if (!contains(name, "资金") && !contains(name, "经费")) return false;
    for (std::string_view w : {"到位", "拨付", "发放", "支付", "执行", "下达"})
      if (contains(name, w)) return true;
    return false;
  }

  // --- consistency ------------------------------------------------------------------------

  void names(const Indicator& i) {
    const Value& v = i.target;
    if (v.kind == ValueKind::empty || v.kind == ValueKind::invalid || v.kind == ValueKind::date) return;
    const std::vector<NameQuantity> qs = name_quantities(i.name.text);
    if (qs.empty()) return;
    if (v.is_number()) {
      if (v.unit == "%" || v.unit.empty()) return;  // a rate of what the name counts; or JX315
      const NameQuantity* same = nullptr;
      for (const NameQuantity& q : qs) {
        if (q.unit != v.unit) continue;
        if (std::fabs(q.value - v.value) <= 1e-9 * std::max(1.0, std::fabs(v.value))) return;  // consistent
        if (!same) same = &q;
      }
      if (same) {
        emit_target("JX351", i, "the name says " + same->text + " but the target is " + quoted(v.raw));
        return;
      }
    }
    emit_at("JX352", i.name,
            "the name " + quoted(i.name.text) + " states " + qs.front().text + ", which the target " + quoted(v.raw) +
                " does not");
  }

  void duplicate(const Indicator& i, const Indicator& first) {
    const std::string f = function_name(i.function);
    emit_at("JX350", i.name,
            quoted(i.name.text) + " is listed twice" + (f.empty() ? std::string() : " in " + quoted(f)) +
                (first.name.at.known() ? " (first at line " + std::to_string(first.name.at.line) + ")" : std::string()));
  }

  /// JX353: indicators repeated in every function (持续发挥作用的期限, 政策知晓率) should agree.
  void boilerplate() {
    if (t_.functions.size() < 2) return;
    std::map<std::string, std::vector<const Indicator*>> by_name;
    for (const Indicator& i : t_.indicators)
      if (i.function >= 0 && !i.name.text.empty() && (i.target.is_number() || i.target.kind == ValueKind::qualitative ||
                                                      i.target.kind == ValueKind::date))
        by_name[i.name.text].push_back(&i);
    for (const auto& [name, rows] : by_name) {
      const Indicator* first = rows.front();
      const std::string canonical = to_string(first->target);
      for (const Indicator* r : rows) {
        if (r->function == first->function || to_string(r->target) == canonical) continue;
        emit_target("JX353", *r,
                    quoted(name) + " has the target " + quoted(r->target.raw) + " here but " + quoted(first->target.raw) +
                        " in " + quoted(function_name(first->function)));
      }
    }
  }

  // --- satisfaction -----------------------------------------------------------------------

  void satisfaction(const Indicator& i) {
    const Value& v = i.target;
    if (v.kind == ValueKind::empty || v.kind == ValueKind::invalid) return;
    if (!v.is_number() || v.unit != "%") {
      emit_target("JX370", i, "the satisfaction target " + quoted(v.raw) + " is not a percentage");
      return;
    }
    if (v.op == Comparator::le || v.op == Comparator::lt) return;
    if (v.value >= 100) {
      emit_target("JX371", i,
                  "the satisfaction target " + quoted(v.raw) + " asks for everyone to be satisfied, which no survey can verify");
    } else if (v.value < 80) {
      emit_target("JX372", i, "the satisfaction target " + quoted(v.raw) + " is below 80%");
    }
  }

  // --- self-evaluation --------------------------------------------------------------------

  void self_evaluation() {
    const Scorecard card = score_table(t_, o_.policy);
    // The scorecard's own weight checks, under lint codes: the arithmetic (and the policy's
    // grouping, 效益 and 满意度 together under hubei) is score_table's alone.
    for (const Diagnostic& d : card.diagnostics) {
      const std::string_view code = lint_code_of(d.code);
      if (!code.empty())
        emit_in(d.span.file.empty() ? o_.file_name : d.span.file, code, {d.span.line, d.span.column}, 0, d.message);
    }
    for (const Indicator& i : t_.indicators) {
      if (!std::isnan(i.score) && !std::isnan(i.weight) && i.score > i.weight + 0.005)
        emit_in(file_of(i.merged.score), "JX383", i.score_at, 0,
                "the score " + shortest(i.score) + " of " + quoted(i.name.text) + " is above its weight " + shortest(i.weight));
      const Value& a = i.actual;
      if (a.is_number() && a.op != Comparator::none && a.op != Comparator::range && a.op != Comparator::eq) {
        emit_in(file_of(i.merged.actual), "JX384", i.actual_at, code_points(a.raw),
                "the actual value " + quoted(a.raw) + " of " + quoted(i.name.text) +
                    " states a comparator, as a target does: copied from the target " + quoted(i.target.raw) + "?");
      }
    }
    if (!t_.budget.empty()) {
      const BudgetLine& b = t_.budget.front();
      if (!std::isnan(b.score) && !std::isnan(b.weight) && b.score > b.weight + 0.005)
        emit_in(file_of(b), "JX383", b.label.at, 0,
                "the budget-execution score " + shortest(b.score) + " is above its weight " + shortest(b.weight));
    }
    for (const ScoreDifference& d : card.differences) {
      const bool budget = d.indicator == ScoreDifference::budget_row;
      const IndicatorScore& s = budget ? card.budget : card.rows[d.indicator].score;
      const SourceLocation at = budget ? t_.budget.front().label.at : t_.indicators[d.indicator].score_at;
      const std::string& file = budget ? file_of(t_.budget.front()) : file_of(t_.indicators[d.indicator].merged.score);
      if (std::isnan(d.rule)) continue;  // not scored: the scorecard's own diagnostics say why
      emit_in(file, "JX385", at, 0,
              "the published score " + shortest(d.published) + " of " + quoted(d.name) + " differs from the rule score " +
                  shortest(d.rule) + " (" + s.explanation_en + ")");
    }
  }

  /// True the first time a label cell is seen for a given check: labels are shared by the rows
  /// of their block, and a finding about the label is reported once.
  bool mark(SourceLocation at, int check = 0) {
    return marked_.insert(std::make_tuple(at.line, at.column, check)).second || !at.known();
  }

  const Table& t_;
  const LintOptions& o_;
  IndicatorTree tree_ = IndicatorTree::a;
  std::vector<Diagnostic> out_;
  std::set<std::tuple<std::uint32_t, std::uint32_t, int>> marked_;
};

bool before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.span.line, a.span.column, a.code) < std::tie(b.span.line, b.span.column, b.code);
}

/// The reader's codes that already report what a lint rule would (docs/rules.md, *Reader and
/// lint*): the lint finding is dropped when one of them falls in its cell.
bool covered_by(const Diagnostic& lint_finding, const Diagnostic& read) {
  const std::string_view c = lint_finding.code;
  const std::string_view r = read.code;
  bool related = false;
  if (c == "JX300") related = r == "JX210";
  else if (c == "JX303") related = r == "JX216";
  else if (c == "JX311") related = r == "JX102";
  else if (c == "JX310") related = starts_with(r, "JX1") && read.severity == Severity::error;
  if (!related || read.span.line != lint_finding.span.line || lint_finding.span.line == 0) return false;
  const std::uint32_t first = lint_finding.span.column;
  const std::uint32_t last = first + std::max<std::uint32_t>(lint_finding.span.length, 1);
  return read.span.column >= first && read.span.column < last;
}

}  // namespace

const std::vector<LintRule>& lint_rules() { return catalogue; }

const LintRule* find_lint_rule(std::string_view code) noexcept {
  for (const LintRule& r : catalogue)
    if (r.code == code) return &r;
  return nullptr;
}

std::optional<LintOptions> LintOptions::profile(std::string_view name) {
  LintOptions o;
  if (name == "default" || name == "auto") return o;
  if (name == "tree_a") {
    o.tree = IndicatorTree::a;
    return o;
  }
  if (name == "tree_b") {
    o.tree = IndicatorTree::b;
    return o;
  }
  if (name == "strict") {
    o.strict = true;
    return o;
  }
  return std::nullopt;
}

std::size_t LintReport::count(Severity severity) const noexcept {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

bool LintReport::any_at_least(Severity severity) const noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& d) { return d.severity >= severity; });
}

LintReport lint_table(const Table& table, const LintOptions& options) {
  LintReport r = Linter(table, options).run();
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), before);
  return r;
}

std::string_view lint_code_of(std::string_view scorecard_code) noexcept {
  if (scorecard_code == "JX420") return "JX380";
  if (scorecard_code == "JX421") return "JX381";
  if (scorecard_code == "JX427") return "JX382";
  return {};
}

LintReport lint(const TableRead& read, const LintOptions& given) {
  // Findings name the file the reader's diagnostics name, unless the caller says otherwise.
  LintOptions options = given;
  if (options.file_name.empty()) options.file_name = read.file_name;
  LintReport found = Linter(read.table, options).run();
  LintReport r;
  r.tree = found.tree;
  for (const Diagnostic& d : read.diagnostics) {
    if (options.disabled.count(d.code)) continue;
    Diagnostic copy = d;
    if (auto s = options.severity.find(d.code); s != options.severity.end()) copy.severity = s->second;
    r.diagnostics.push_back(std::move(copy));
  }
  // The reader's diagnostics by line, so that the check below stays linear in the table.
  std::vector<const Diagnostic*> by_line;
  by_line.reserve(read.diagnostics.size());
  for (const Diagnostic& d : read.diagnostics) by_line.push_back(&d);
  std::stable_sort(by_line.begin(), by_line.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->span.line < b->span.line; });
  const auto covered = [&](const Diagnostic& finding) {
    auto it = std::lower_bound(by_line.begin(), by_line.end(), finding.span.line,
                               [](const Diagnostic* d, std::uint32_t line) { return d->span.line < line; });
    for (; it != by_line.end() && (*it)->span.line == finding.span.line; ++it)
      if (covered_by(finding, **it)) return true;
    return false;
  };
  // A file that could not be opened has no content to review: its rules would only describe
  // the empty table read in its place (no header fields, no functions).
  const bool unopened = find_code(read.diagnostics, "JX200") != nullptr;
  for (Diagnostic& d : found.diagnostics)
    if (!unopened && !covered(d)) r.diagnostics.push_back(std::move(d));
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), before);
  return r;
}

std::string_view to_string(RuleFamily family) noexcept {
  switch (family) {
    case RuleFamily::completeness: return "completeness";
    case RuleFamily::value: return "value";
    case RuleFamily::classification: return "classification";
    case RuleFamily::consistency: return "consistency";
    case RuleFamily::satisfaction: return "satisfaction";
    case RuleFamily::self_evaluation: return "self_evaluation";
  }
  return "";
}

std::string_view to_string(IndicatorTree tree) noexcept {
  switch (tree) {
    case IndicatorTree::automatic: return "auto";
    case IndicatorTree::a: return "tree_a";
    case IndicatorTree::b: return "tree_b";
  }
  return "";
}

}  // namespace jixiao
