// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/indicator.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using jixiao::Level1;
using jixiao::Level2;

TEST_CASE("level-1 labels of both official trees, with enumeration prefixes", "[indicator]") {
  CHECK(jixiao::classify_level1("产出指标") == Level1::output);
  CHECK(jixiao::classify_level1("一、产出指标") == Level1::output);
  CHECK(jixiao::classify_level1("效益指标") == Level1::outcome);
  CHECK(jixiao::classify_level1("满意度指标") == Level1::satisfaction);
  CHECK(jixiao::classify_level1("成本指标") == Level1::cost);
  CHECK(jixiao::classify_level1("决策") == Level1::other);   // a local name, kept as other
  CHECK(jixiao::classify_level1("") == Level1::unknown);
  // Level-2 names that contain a level-1 word are not level 1.
  CHECK(jixiao::classify_level1("社会效益指标") == Level1::other);
  CHECK(jixiao::classify_level1("服务对象满意度指标") == Level1::other);
}

TEST_CASE("level-2 labels and their canonical parents", "[indicator]") {
  struct Case { const char* label; Level2 kind; Level1 parent; };
  const Case cases[] = {
      {"数量指标", Level2::quantity, Level1::output},
      {"质量指标", Level2::quality, Level1::output},
      {"时效指标", Level2::timeliness, Level1::output},
      {"成本指标", Level2::cost, Level1::unknown},  // under 产出 in tree A, level 1 in tree B
      {"经济效益指标", Level2::economic_benefit, Level1::outcome},
      {"社会效益指标", Level2::social_benefit, Level1::outcome},
      {"生态效益指标", Level2::ecological_benefit, Level1::outcome},
      {"可持续影响指标", Level2::sustainability, Level1::outcome},
      {"服务对象满意度指标", Level2::service_satisfaction, Level1::satisfaction},
      {"社会公众或服务对象满意度指标", Level2::service_satisfaction, Level1::satisfaction},
      {"经济成本指标", Level2::economic_cost, Level1::cost},
      {"社会成本指标", Level2::social_cost, Level1::cost},
      {"生态环境成本指标", Level2::ecological_cost, Level1::cost},
      {"项目完成指标", Level2::other, Level1::unknown},
  };
  for (const auto& c : cases) {
    INFO(c.label);
    CHECK(jixiao::classify_level2(c.label) == c.kind);
    CHECK(jixiao::parent_of(c.kind) == c.parent);
  }
}

TEST_CASE("names of the categories", "[indicator]") {
  CHECK(jixiao::to_string(Level1::outcome) == "outcome");
  CHECK(jixiao::to_string(Level2::service_satisfaction) == "service_satisfaction");
  CHECK(jixiao::chinese_name(Level1::satisfaction) == "满意度指标");
  CHECK(jixiao::chinese_name(Level2::sustainability) == "可持续影响指标");
  CHECK(jixiao::chinese_name(Level1::other).empty());
  std::ostringstream os;
  os << Level1::output << ' ' << Level2::quality;
  CHECK(os.str() == "output quality");
}

TEST_CASE("Indicator equality compares every field, NaN weights equal", "[indicator]") {
  jixiao::Indicator a;
  a.name = {"城市低保", {12, 6}};
  a.target = jixiao::parse_value("≥10141人次").value;
  jixiao::Indicator b = a;
  CHECK(a == b);
  CHECK(std::isnan(a.weight));
  b.weight = 10;
  CHECK(a != b);
  b = a;
  b.name.at.column = 7;
  CHECK(a != b);
}
