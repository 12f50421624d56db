// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/indicator.hpp>

#include <jixiao/detail/text.hpp>

#include <cmath>
#include <ostream>

namespace jixiao {
namespace {

using detail::contains;
using detail::ends_with;
using detail::starts_with;


bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

/// Drops an enumeration prefix (`一、`, `1.`, `（一）`) and blanks: `一、产出指标` → `产出指标`.
std::string_view strip_enumeration(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  const auto sep = s.find("、");
  if (sep != std::string_view::npos && sep <= 9) s.remove_prefix(sep + std::string_view("、").size());
  return s;
}

}  // namespace

Level1 classify_level1(std::string_view label) noexcept {
  const std::string_view s = strip_enumeration(label);
  if (s.empty()) return Level1::unknown;
  // Level-2 names that contain a level-1 word are not level 1 (社会效益指标, 服务对象满意度指标).
  if (s == "产出指标" || s == "产出" || s == "产出类指标") return Level1::output;
  if (s == "效益指标" || s == "效益" || s == "效果指标" || s == "效益类指标") return Level1::outcome;
  if (s == "满意度指标" || s == "满意度" || s == "满意度类指标") return Level1::satisfaction;
  if (s == "成本指标" || s == "成本") return Level1::cost;
  return Level1::other;
}

Level2 classify_level2(std::string_view label) noexcept {
  const std::string_view s = strip_enumeration(label);
  if (s.empty()) return Level2::unknown;
  if (contains(s, "数量")) return Level2::quantity;
  if (contains(s, "质量")) return Level2::quality;
  if (contains(s, "时效")) return Level2::timeliness;
  if (contains(s, "经济成本")) return Level2::economic_cost;
  if (contains(s, "社会成本")) return Level2::social_cost;
  if (contains(s, "生态环境成本") || contains(s, "生态成本") || contains(s, "环境成本")) return Level2::ecological_cost;
  if (contains(s, "成本")) return Level2::cost;
  if (contains(s, "经济效益")) return Level2::economic_benefit;
  if (contains(s, "社会效益")) return Level2::social_benefit;
  if (contains(s, "生态效益") || contains(s, "环境效益")) return Level2::ecological_benefit;
  if (contains(s, "可持续")) return Level2::sustainability;
  if (contains(s, "满意度")) return Level2::service_satisfaction;
  return Level2::other;
}

Level1 parent_of(Level2 level2) noexcept {
  switch (level2) {
    case Level2::quantity:
    case Level2::quality:
    case Level2::timeliness:
      return Level1::output;
    case Level2::economic_benefit:
    case Level2::social_benefit:
    case Level2::ecological_benefit:
    case Level2::sustainability:
      return Level1::outcome;
    case Level2::service_satisfaction:
      return Level1::satisfaction;
    case Level2::economic_cost:
    case Level2::social_cost:
    case Level2::ecological_cost:
      return Level1::cost;
    default:
      return Level1::unknown;  // 成本指标: under 产出 in tree A, level 1 in tree B
  }
}

std::string_view to_string(Level1 level) noexcept {
  switch (level) {
    case Level1::unknown: return "";
    case Level1::output: return "output";
    case Level1::outcome: return "outcome";
    case Level1::satisfaction: return "satisfaction";
    case Level1::cost: return "cost";
    case Level1::other: return "other";
  }
  return "";
}

std::string_view to_string(Level2 level) noexcept {
  switch (level) {
    case Level2::unknown: return "";
    case Level2::quantity: return "quantity";
    case Level2::quality: return "quality";
    case Level2::timeliness: return "timeliness";
    case Level2::cost: return "cost";
    case Level2::economic_benefit: return "economic_benefit";
    case Level2::social_benefit: return "social_benefit";
    case Level2::ecological_benefit: return "ecological_benefit";
    case Level2::sustainability: return "sustainability";
    case Level2::service_satisfaction: return "service_satisfaction";
    case Level2::economic_cost: return "economic_cost";
    case Level2::social_cost: return "social_cost";
    case Level2::ecological_cost: return "ecological_cost";
    case Level2::other: return "other";
  }
  return "";
}

std::string_view chinese_name(Level1 level) noexcept {
  switch (level) {
    case Level1::output: return "产出指标";
    case Level1::outcome: return "效益指标";
    case Level1::satisfaction: return "满意度指标";
    case Level1::cost: return "成本指标";
    default: return "";
  }
}

std::string_view chinese_name(Level2 level) noexcept {
  switch (level) {
    case Level2::quantity: return "数量指标";
    case Level2::quality: return "质量指标";
    case Level2::timeliness: return "时效指标";
    case Level2::cost: return "成本指标";
    case Level2::economic_benefit: return "经济效益指标";
    case Level2::social_benefit: return "社会效益指标";
    case Level2::ecological_benefit: return "生态效益指标";
    case Level2::sustainability: return "可持续影响指标";
    case Level2::service_satisfaction: return "服务对象满意度指标";
    case Level2::economic_cost: return "经济成本指标";
    case Level2::social_cost: return "社会成本指标";
    case Level2::ecological_cost: return "生态环境成本指标";
    default: return "";
  }
}

bool operator==(const Indicator& a, const Indicator& b) {
  return a.function == b.function && a.level1 == b.level1 && a.level1_kind == b.level1_kind &&
         a.level2 == b.level2 && a.level2_kind == b.level2_kind && a.sequence == b.sequence && a.name == b.name &&
         a.target == b.target && a.target_at == b.target_at && a.direction == b.direction && a.actual == b.actual &&
         a.actual_at == b.actual_at && same(a.weight, b.weight) && a.weight_at == b.weight_at &&
         same(a.score, b.score) && a.score_at == b.score_at && a.deviation == b.deviation &&
         a.merged == b.merged;
}

std::ostream& operator<<(std::ostream& os, Level1 level) { return os << to_string(level); }
std::ostream& operator<<(std::ostream& os, Level2 level) { return os << to_string(level); }

}  // namespace jixiao
