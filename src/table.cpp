// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/table.hpp>

#include <cmath>
#include <ostream>

namespace jixiao {
namespace {
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
}  // namespace

std::string_view to_string(TableKind kind) noexcept {
  switch (kind) {
    case TableKind::unknown: return "";
    case TableKind::department_targets: return "department_targets";
    case TableKind::project_targets: return "project_targets";
    case TableKind::self_evaluation: return "self_evaluation";
  }
  return "";
}

bool operator==(const BudgetLine& a, const BudgetLine& b) {
  return a.label == b.label && same(a.initial, b.initial) && same(a.full_year, b.full_year) &&
         same(a.executed, b.executed) && same(a.weight, b.weight) && same(a.rate, b.rate) && same(a.score, b.score) &&
         a.file == b.file;
}

bool Totals::empty() const noexcept { return std::isnan(weight) && std::isnan(score) && grade.empty(); }

bool operator==(const Totals& a, const Totals& b) {
  return same(a.weight, b.weight) && same(a.score, b.score) && a.grade == b.grade && a.at == b.at;
}

std::string_view Table::field(std::string_view key) const& noexcept {
  // Synonyms seen in real tables for the same field.
  static constexpr std::string_view department[] = {"部门(单位)名称", "部门（单位）名称", "单位名称", "部门名称",
                                                    "预算单位", "预算部门"};
  static constexpr std::string_view supervisor[] = {"主管部门", "主管部门及代码"};
  static constexpr std::string_view project[] = {"项目名称"};
  static constexpr std::string_view implementer[] = {"实施单位", "项目实施单位"};
  static constexpr std::string_view overview[] = {"部门职能概述", "职能概述", "部门职责概述"};
  auto lookup = [this](std::string_view k) -> std::string_view {
    for (const auto& f : header)
      if (f.key == k) return f.value.text;
    return {};
  };
  auto search = [&](const std::string_view* first, const std::string_view* last) -> std::string_view {
    bool member = false;
    for (auto p = first; p != last; ++p) member = member || *p == key;
    if (!member) return {};
    for (auto p = first; p != last; ++p) {
      const std::string_view v = lookup(*p);
      if (!v.empty()) return v;
    }
    return {};
  };
  std::string_view v;
  if (!(v = search(std::begin(department), std::end(department))).empty()) return v;
  if (!(v = search(std::begin(supervisor), std::end(supervisor))).empty()) return v;
  if (!(v = search(std::begin(project), std::end(project))).empty()) return v;
  if (!(v = search(std::begin(implementer), std::end(implementer))).empty()) return v;
  if (!(v = search(std::begin(overview), std::end(overview))).empty()) return v;
  return lookup(key);
}

bool operator==(const Table& a, const Table& b) {
  return a.kind == b.kind && a.title == b.title && a.year == b.year && a.header == b.header && a.goals == b.goals &&
         a.functions == b.functions && a.indicators == b.indicators && a.budget == b.budget && a.totals == b.totals &&
         a.columns == b.columns && a.actuals_file == b.actuals_file;
}

std::ostream& operator<<(std::ostream& os, TableKind kind) { return os << to_string(kind); }

}  // namespace jixiao
