// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/table.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string_view>
#include <type_traits>
#include <utility>

namespace {
// Whether `field` may be called on a T: a view into a temporary table would dangle, so an
// rvalue table must not compile (`read_table(f).table.field(…)`).
template <class T, class = void>
struct has_field : std::false_type {};
template <class T>
struct has_field<T, std::void_t<decltype(std::declval<T>().field(std::string_view{}))>> : std::true_type {};
static_assert(has_field<jixiao::Table&>::value && has_field<const jixiao::Table&>::value);
static_assert(!has_field<jixiao::Table&&>::value && !has_field<jixiao::Table>::value);
}  // namespace

TEST_CASE("Table::field finds a header field by its key or a usual synonym", "[table]") {
  jixiao::Table t;
  t.header.push_back({"单位名称", {"渚源县民政局", {7, 3}}});
  t.header.push_back({"主管部门", {"渚源县人民政府", {7, 10}}});
  t.header.push_back({"填表人", {"张三", {80, 5}}});
  CHECK(t.field("部门(单位)名称") == "渚源县民政局");
  CHECK(t.field("部门（单位）名称") == "渚源县民政局");
  CHECK(t.field("单位名称") == "渚源县民政局");
  CHECK(t.field("主管部门") == "渚源县人民政府");
  CHECK(t.field("填表人") == "张三");       // any key, as written
  CHECK(t.field("项目名称").empty());
}

TEST_CASE("Table equality and the parts it compares", "[table]") {
  jixiao::Table a;
  a.kind = jixiao::TableKind::department_targets;
  a.year = 2024;
  a.functions.push_back({1, {"社会救助", {12, 1}}});
  a.goals.push_back({1, {"规范城乡低保", {9, 3}}, {}});
  jixiao::Table b = a;
  CHECK(a == b);
  b.goals[0].outcome = {"已完成", {10, 3}};
  CHECK(a != b);
  b = a;
  b.budget.push_back({});
  CHECK(a != b);
  b = a;
  b.totals.score = 95;
  CHECK(a != b);
  CHECK(a.totals.empty());
  CHECK(!b.totals.empty());
}

TEST_CASE("table kinds print by name", "[table]") {
  std::ostringstream os;
  os << jixiao::TableKind::self_evaluation;
  CHECK(os.str() == "self_evaluation");
  CHECK(jixiao::to_string(jixiao::TableKind::unknown).empty());
}
