// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The Excel report: the official 项目/部门整体支出绩效自评表 layout (财预〔2020〕10号 附件),
// written with libxlsxwriter.  Merged cells follow the official form, and every value sits in
// the top-left cell of its merged range, which is how Excel's own copy and jixiao's readers see
// a merged range (python/jixiao/_excel.py), so the workbook reads back to the same table.
#include "report_detail.hpp"

#include <jixiao/report.hpp>

#include <xlsxwriter.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace jixiao {
namespace {

using detail::Label;

constexpr lxw_col_t last_col = 8;  // A..I: label, 一级, 二级, 三级, 指标值, 实际, 分值, 得分, 偏差

/// Column letter and 1-based row: `G12`.
std::string cell_name(lxw_row_t row, lxw_col_t col) {
  return std::string(1, static_cast<char>('A' + col)) + std::to_string(row + 1);
}

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* book, lxw_worksheet* sheet) : sheet_(sheet) {
    text_ = workbook_add_format(book);
    format_set_border(text_, LXW_BORDER_THIN);
    format_set_text_wrap(text_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_CENTER);
    head_ = workbook_add_format(book);
    format_set_border(head_, LXW_BORDER_THIN);
    format_set_bold(head_);
    format_set_align(head_, LXW_ALIGN_CENTER);
    format_set_align(head_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(head_);
    format_set_bg_color(head_, 0xF0F4F8);
    title_ = workbook_add_format(book);
    format_set_bold(title_);
    format_set_font_size(title_, 16);
    format_set_align(title_, LXW_ALIGN_CENTER);
    plain_ = workbook_add_format(book);
    format_set_align(plain_, LXW_ALIGN_CENTER);
    number_ = workbook_add_format(book);
    format_set_border(number_, LXW_BORDER_THIN);
    format_set_align(number_, LXW_ALIGN_VERTICAL_CENTER);
    percent_ = workbook_add_format(book);
    format_set_border(percent_, LXW_BORDER_THIN);
    format_set_num_format(percent_, "0.00%");
  }

  lxw_format* text() const { return text_; }
  lxw_format* head() const { return head_; }
  lxw_format* title() const { return title_; }
  lxw_format* plain() const { return plain_; }
  lxw_format* percent() const { return percent_; }

  /// A string over rows r0..r1 and columns c0..c1 (merged when more than one cell).
  void text(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1, const std::string& s, lxw_format* f) {
    if (r0 == r1 && c0 == c1) {
      if (s.empty()) worksheet_write_blank(sheet_, r0, c0, f);
      else worksheet_write_string(sheet_, r0, c0, s.c_str(), f);
    } else {
      worksheet_merge_range(sheet_, r0, c0, r1, c1, s.c_str(), f);
    }
  }
  void text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) { text(r, c, r, c, s, f ? f : text_); }

  /// A number, blank for NaN.
  void number(lxw_row_t r, lxw_col_t c, double x, lxw_format* f = nullptr) {
    if (std::isnan(x)) worksheet_write_blank(sheet_, r, c, f ? f : number_);
    else worksheet_write_number(sheet_, r, c, x, f ? f : number_);
  }

  /// A formula with its value cached, so that readers that do not recompute see the result.
  void formula(lxw_row_t r, lxw_col_t c, const std::string& formula, double value) {
    // Excel has no NaN or infinity: such a value is not cached (the file would not open).
    worksheet_write_formula_num(sheet_, r, c, formula.c_str(), number_, std::isfinite(value) ? value : 0);
  }

 private:
  lxw_worksheet* sheet_;
  lxw_format *text_, *head_, *title_, *plain_, *number_, *percent_;
};

/// Header fields that take a whole row in the official form.
bool wide_field(const HeaderField& f) {
  return f.key == "项目名称" || f.key == "部门(单位)名称" || f.key.find("概述") != std::string::npos ||
         f.value.text.size() > 60;
}

void write_table_sheet(lxw_workbook* book, const ReportInput& in, ReportLanguage) {
  const Table& t = in.table;
  const Scorecard* card = in.card ? &*in.card : nullptr;
  const bool evaluation = card != nullptr;
  lxw_worksheet* ws = workbook_add_worksheet(book, evaluation ? "绩效自评表" : "绩效目标表");
  SheetWriter w(book, ws);
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 2, 14, nullptr);
  worksheet_set_column(ws, 3, 3, 30, nullptr);
  worksheet_set_column(ws, 4, 5, 16, nullptr);
  worksheet_set_column(ws, 6, 7, 9, nullptr);
  worksheet_set_column(ws, 8, 8, 36, nullptr);

  lxw_row_t r = 0;
  std::string title = t.title.text;
  if (title.empty()) title = std::string(detail::kind_label(t.kind, ReportLanguage::zh));
  w.text(r, 0, r, last_col, title, w.title());
  ++r;
  if (t.year) {
    w.text(r, 0, r, last_col, "（" + std::to_string(t.year) + "年度）", w.plain());
    ++r;
  }

  // Header fields: two to a row (key, value over three columns), long ones on a row of their own.
  // The reader also records the year line (年度) and the goals label as fields; both are written
  // in their own place.
  std::vector<HeaderField> header;
  for (const HeaderField& f : t.header) {
    if ((f.key == "年度" && t.year) || (f.value.empty() && f.key.find("目标") != std::string::npos)) continue;
    header.push_back(f);
  }
  for (std::size_t k = 0; k < header.size();) {
    const HeaderField& a = header[k];
    if (wide_field(a) || k + 1 == header.size() || wide_field(header[k + 1])) {
      w.text(r, 0, a.key, w.head());
      w.text(r, 1, r, last_col, a.value.text, w.text());
      ++k;
    } else {
      const HeaderField& b = header[k + 1];
      w.text(r, 0, a.key, w.head());
      w.text(r, 1, r, 3, a.value.text, w.text());
      w.text(r, 4, b.key, w.head());
      w.text(r, 5, r, last_col, b.value.text, w.text());
      k += 2;
    }
    ++r;
  }

  // The budget block: 项目资金（万元） | label | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分.
  lxw_row_t budget_row = 0;  // the 年度资金总额 row, for the total formula (0: none)
  if (evaluation && !t.budget.empty()) {
    const lxw_row_t first = r;
    w.text(r, 1, "", w.head());
    const char* heads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
    for (lxw_col_t c = 0; c < 6; ++c) w.text(r, c + 2, heads[c], w.head());
    w.text(r, last_col, "", w.head());
    ++r;
    for (std::size_t k = 0; k < t.budget.size(); ++k) {
      const BudgetLine& b = t.budget[k];
      // A budget row from an actuals file is labelled 预算执行率; the official form (and the
      // reader, reading the workbook back) calls the total line 年度资金总额.
      w.text(r, 1, k == 0 && b.label.text == "预算执行率" ? std::string("年度资金总额") : b.label.text);
      w.number(r, 2, b.initial);
      w.number(r, 3, b.full_year);
      w.number(r, 4, b.executed);
      double weight = b.weight, score = b.score, rate = b.rate;
      if (k == 0) {  // the scored line: the card's weight and, without a published one, its score
        if (std::isnan(weight)) weight = card->budget.weight;
        if (std::isnan(score)) score = card->budget.score;
        if (std::isnan(rate) && !std::isnan(card->budget.ratio)) rate = detail::round_to(card->budget.ratio * 100, 2);
        budget_row = r;
      }
      w.number(r, 5, weight);
      w.number(r, 6, std::isnan(rate) ? rate : rate / 100, std::isnan(rate) ? nullptr : w.percent());
      w.number(r, 7, score);
      w.text(r, last_col, "");
      ++r;
    }
    w.text(first, 0, r - 1, 0, t.functions.empty() ? "项目资金（万元）" : "年度资金（万元）", w.head());
  }

  // Goals: 年度总体目标 | 预期目标 | 实际完成情况.  A target table states its goals in one cell
  // (年度整体绩效目标: 目标1 … 目标2 …), which is where the reader finds them again: when a header
  // field written above already holds them, nothing more; else one such row.
  const bool goals_in_header = std::any_of(header.begin(), header.end(), [](const HeaderField& f) {
    return !f.value.empty() && f.key.find("目标") != std::string::npos;
  });
  if (!evaluation && !t.goals.empty() && !goals_in_header) {
    std::string text;
    for (const Goal& g : t.goals)
      text += (text.empty() ? "" : " ") + (g.number ? "目标" + std::to_string(g.number) + "：" : std::string()) + g.text.text;
    w.text(r, 0, "年度绩效目标", w.head());
    w.text(r, 1, r, last_col, text, w.text());
    ++r;
  }
  if (evaluation && !t.goals.empty()) {
    const lxw_row_t first = r;
    w.text(r, 1, r, 4, "预期目标", w.head());
    w.text(r, 5, r, last_col, "实际完成情况", w.head());
    ++r;
    for (const Goal& g : t.goals) {
      const std::string text = g.number ? "目标" + std::to_string(g.number) + "：" + g.text.text : g.text.text;
      w.text(r, 1, r, 4, text, w.text());
      w.text(r, 5, r, last_col, g.outcome.text, w.text());
      ++r;
    }
    w.text(first, 0, r - 1, 0, "年度总体目标", w.head());
  }

  // The indicator block.  Department tables: 核心职能 in column A, merged over the function's
  // rows; project tables: 绩效指标 in column A, merged over the whole block.
  const bool functions = !t.functions.empty();
  const lxw_row_t block = r;
  w.text(r, 0, functions ? "核心职能" : "绩效指标", w.head());
  const char* heads_eval[] = {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  const char* heads_target[] = {"一级指标", "二级指标", "三级指标", "指标值"};
  const lxw_col_t heads = evaluation ? 8 : 4;
  for (lxw_col_t c = 0; c < heads; ++c) w.text(r, c + 1, evaluation ? heads_eval[c] : heads_target[c], w.head());
  ++r;
  const lxw_row_t first_indicator = r;
  const std::size_t n = t.indicators.size();
  // Runs of equal function / level 1 / level 2 become merged blocks.
  auto run_end = [&](std::size_t k, int depth) {
    std::size_t e = k + 1;
    while (e < n) {
      const Indicator &a = t.indicators[k], &b = t.indicators[e];
      if (a.function != b.function) break;
      if (depth >= 1 && a.level1.text != b.level1.text) break;
      if (depth >= 2 && a.level2.text != b.level2.text) break;
      ++e;
    }
    return e;
  };
  for (std::size_t k = 0; k < n; ++k) {
    const Indicator& i = t.indicators[k];
    const lxw_row_t row = first_indicator + static_cast<lxw_row_t>(k);
    if (functions && (k == 0 || t.indicators[k - 1].function != i.function)) {
      const std::size_t e = run_end(k, 0);
      w.text(row, 0, first_indicator + static_cast<lxw_row_t>(e - 1), 0,
             i.function >= 0 ? "职能" + std::to_string(t.functions[static_cast<std::size_t>(i.function)].number) + ": " +
                                   t.functions[static_cast<std::size_t>(i.function)].name.text
                             : std::string(),
             w.text());
    }
    if (k == 0 || t.indicators[k - 1].function != i.function || t.indicators[k - 1].level1.text != i.level1.text) {
      const std::size_t e = run_end(k, 1);
      w.text(row, 1, first_indicator + static_cast<lxw_row_t>(e - 1), 1, i.level1.text, w.text());
    }
    if (k == 0 || t.indicators[k - 1].function != i.function || t.indicators[k - 1].level1.text != i.level1.text ||
        t.indicators[k - 1].level2.text != i.level2.text) {
      const std::size_t e = run_end(k, 2);
      w.text(row, 2, first_indicator + static_cast<lxw_row_t>(e - 1), 2, i.level2.text, w.text());
    }
    w.text(row, 3, detail::numbered_name(i));
    w.text(row, 4, i.target.raw);
    if (evaluation) {
      const IndicatorScore& s = card->rows[k].score;
      w.text(row, 5, i.actual.raw);
      w.number(row, 6, std::isnan(i.weight) ? s.weight : i.weight);
      // The published score as written; a table without one (targets + actuals) gets the rule's.
      w.number(row, 7, std::isnan(i.score) ? s.score : i.score);
      w.text(row, 8, i.deviation.text);
    }
  }
  r = first_indicator + static_cast<lxw_row_t>(n);
  if (!functions && r > block + 1) w.text(block, 0, r - 1, 0, "绩效指标", w.head());

  // 总分 | 分值合计 | 得分合计 | 评级: formulas over the 分值 and 得分 columns and the budget row.
  if (evaluation) {
    w.text(r, 0, r, 5, "总分", w.head());
    std::string weights = "0", scores = "0";
    if (n) {
      weights = "SUM(" + cell_name(first_indicator, 6) + ":" + cell_name(r - 1, 6) + ")";
      scores = "SUM(" + cell_name(first_indicator, 7) + ":" + cell_name(r - 1, 7) + ")";
    }
    double weight_sum = 0, score_sum = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const Indicator& i = t.indicators[k];
      const IndicatorScore& s = card->rows[k].score;
      const double wgt = std::isnan(i.weight) ? s.weight : i.weight, sc = std::isnan(i.score) ? s.score : i.score;
      if (!std::isnan(wgt)) weight_sum += wgt;
      if (!std::isnan(sc)) score_sum += sc;
    }
    if (budget_row) {
      weights += "+" + cell_name(budget_row, 5);
      scores += "+" + cell_name(budget_row, 7);
      const BudgetLine& b = t.budget.front();
      const double bw = std::isnan(b.weight) ? card->budget.weight : b.weight;
      const double bs = std::isnan(b.score) ? card->budget.score : b.score;
      if (!std::isnan(bw)) weight_sum += bw;
      if (!std::isnan(bs)) score_sum += bs;
    }
    w.formula(r, 6, "=" + weights, detail::round_to(weight_sum, 6));
    w.formula(r, 7, "=" + scores, detail::round_to(score_sum, 6));
    std::string grade = card->published_grade;
    if (grade.empty() && card->grade) grade = std::string(chinese_name(*card->grade));
    w.text(r, last_col, grade);
    ++r;
  }
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_landscape(ws);
}

void write_findings_sheet(lxw_workbook* book, const ReportInput& in, ReportLanguage l) {
  lxw_worksheet* ws = workbook_add_worksheet(book, l == ReportLanguage::en ? "Findings" : "审核意见");
  SheetWriter w(book, ws);
  worksheet_set_column(ws, 0, 3, 9, nullptr);
  worksheet_set_column(ws, 4, 5, 60, nullptr);
  worksheet_set_column(ws, 6, 6, 30, nullptr);
  // 文件: the file a finding is in when it is not the table's own (an actuals file).
  const char* zh[] = {"级别", "代码", "行", "列", "说明", "建议", "文件"};
  const char* en[] = {"Severity", "Code", "Line", "Column", "Message", "Hint", "File"};
  for (lxw_col_t c = 0; c < 7; ++c) w.text(0, c, l == ReportLanguage::en ? en[c] : zh[c], w.head());
  lxw_row_t r = 1;
  for (const Diagnostic& d : in.findings) {
    // One finding a row: its severity (error, warning, info), not the heading of its group.
    w.text(r, 0, l == ReportLanguage::en ? std::string(to_string(d.severity)) : std::string(detail::severity_label(d.severity, l)));
    w.text(r, 1, d.code);
    w.number(r, 2, d.span.line ? d.span.line : std::nan(""));
    w.number(r, 3, d.span.column ? d.span.column : std::nan(""));
    w.text(r, 4, d.message);
    w.text(r, 5, d.hint);
    w.text(r, 6, d.span.file != in.source ? d.span.file : std::string());
    ++r;
  }
  worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1, 6);
  worksheet_freeze_panes(ws, 1, 0);
}

Diagnostic io_error(const std::string& path, const std::string& what) {
  Diagnostic d;
  d.code = "JX200";
  d.severity = Severity::error;
  d.message = "cannot write " + path + ": " + what;
  d.span.file = path;
  d.hint = "check that the directory exists and is writable";
  return d;
}

}  // namespace

std::vector<Diagnostic> write_report_xlsx(const ReportInput& in, const std::string& path, const ReportOptions& options) {
  detail::check_card_matches(in, "write_report_xlsx");
  // libxlsxwriter reports a file it cannot create on standard error as well as in its return
  // value; trying the path first keeps the library silent, as jixiao's library must be.
  {
    std::ofstream probe(path, std::ios::binary | std::ios::app);
    if (!probe) return {io_error(path, "cannot open the file for writing")};
  }
  lxw_workbook_options wo{};
  wo.constant_memory = LXW_FALSE;  // merged ranges and formulas are written out of row order
  lxw_workbook* book = workbook_new_opt(path.c_str(), &wo);
  if (!book) return {io_error(path, "cannot create the workbook")};
  write_table_sheet(book, in, options.lang);
  write_findings_sheet(book, in, options.lang);
  const lxw_error e = workbook_close(book);
  if (e != LXW_NO_ERROR) return {io_error(path, lxw_strerror(e))};
  return {};
}

}  // namespace jixiao
