// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The sample table read into the indicator tree, exactly: 4 functions, 61 indicators with their
// function, level-1, level-2, sequence, name and target, the header fields, 4 goals, and the
// 3 empty targets reported at their lines.  The sample is text copied out of a PDF: labels sit
// on the first, middle or following row of their merged block, one function's 指标1 row stands
// above that function's header, and cells are shifted.
#include <jixiao/read.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using jixiao::Level1;
using jixiao::Level2;

namespace {

const std::string kSample = JIXIAO_TEST_DATA "/../../examples/data/civil-affairs-2024-targets.tsv";

struct Row {
  int line;
  int function;  // 1-based number
  const char* level1;
  const char* level2;
  int seq;
  const char* name;
  const char* target;
};

// clang-format off
const Row kRows[] = {
  {12, 1, "产出指标", "数量指标", 1, "城市低保", "≥10141人次"},
  {13, 1, "产出指标", "数量指标", 2, "农村低保", "≥24671人次"},
  {14, 1, "产出指标", "数量指标", 3, "城乡特困人员", "≥2263人次"},
  {15, 1, "产出指标", "数量指标", 4, "临时救助", "≥8973人次"},
  {16, 1, "产出指标", "数量指标", 5, "儿童福利", "≥260人"},
  {17, 1, "产出指标", "数量指标", 6, "流浪乞讨人员", "≥62人"},
  {18, 1, "产出指标", "数量指标", 7, "贫困大学生救助", "≥102人"},
  {19, 1, "产出指标", "质量指标", 1, "救助水平逐年提高", "≥99%"},
  {20, 1, "产出指标", "时效指标", 1, "省市县下达救助资金", "提前下达"},
  {21, 1, "产出指标", "时效指标", 2, "困难群众基本生活救助按时发放率", "100%"},
  {22, 1, "效益指标", "社会效益指标", 1, "困难群众基本生活水平提升情况", "稳步提升"},
  {23, 1, "效益指标", "社会效益指标", 2, "困难群众获得感", "持续提升"},
  {24, 1, "效益指标", "可持续影响指标", 1, "持续发挥作用的期限", "≥12个月"},
  {25, 1, "满意度指标", "服务对象满意度指标", 1, "政策知晓率", "≥98%"},
  {26, 1, "满意度指标", "服务对象满意度指标", 2, "受益群体满意度", "100%"},
  {27, 2, "产出指标", "数量指标", 1, "残疾人生活和护理补贴", "≥3000人次"},
  {28, 2, "产出指标", "数量指标", 2, "残疾人生活和护理补贴(残疾人托养服务)", "≥10人"},
  {29, 2, "产出指标", "数量指标", 3, "残疾人生活和护理补贴(精神以奖代补资金)", "≥37人"},
  {30, 2, "产出指标", "数量指标", 4, "高龄补贴", "≥9324人"},
  {31, 2, "产出指标", "数量指标", 5, "老年人意外伤害保险", "≥23344人"},
  {32, 2, "产出指标", "数量指标", 6, "8个社区日间照料中心", "≥8个"},
  {33, 2, "产出指标", "数量指标", 7, "91个农村老年之家", "≥91个"},
  {34, 2, "产出指标", "数量指标", 8, "老年活动运营", "1个"},
  {35, 2, "产出指标", "质量指标", 1, "符合条件的残疾人及时纳入保障范围", "100%"},
  {36, 2, "产出指标", "质量指标", 2, "保障符合条件的老年人享受居家养老服务", "100%"},
  {37, 2, "产出指标", "质量指标", 3, "保障精神障碍患者得到救助", "100%"},
  {38, 2, "产出指标", "时效指标", 1, "各项补贴资金于每月25日左右及时发放率", "100%"},
  {39, 2, "产出指标", "时效指标", 2, "社区日间照料中心、老年之家运行考核", "依据运营管理办法考核"},
  {40, 2, "效益指标", "社会效益指标", 1, "资金按时发放率", "100%"},
  {41, 2, "效益指标", "社会效益指标", 2, "实施动态化管理,让更多受助对象享受政策", "100%"},
  {42, 2, "效益指标", "可持续影响指标", 1, "持续发挥作用的期限", "≥12个月"},
  {43, 2, "满意度指标", "服务对象满意度指标", 1, "政策知晓率", "≥98%"},
  {44, 2, "满意度指标", "服务对象满意度指标", 2, "受益群体满意度", "100%"},
  {45, 3, "产出指标", "数量指标", 1, "为全县符合条件的遗属发放补助金", "50人"},
  {47, 3, "产出指标", "数量指标", 2, "给与符合条件丧属补助资金发放率", "100%"},
  {48, 3, "产出指标", "数量指标", 3, "保障精简退职人员补助", "100%"},
  {49, 3, "产出指标", "数量指标", 4, "保障农村卸任老干部补助", "100%"},
  {50, 3, "产出指标", "质量指标", 1, "补助资金发放准确率", ""},
  {51, 3, "产出指标", "时效指标", 1, "省市县下达救助资金", "提前下达"},
  {52, 3, "产出指标", "时效指标", 2, "补助标准：3000元/具", "依据政策文件规定标准值"},
  {53, 3, "效益指标", "社会效益指标", 1, "提升受助对象生活水平", "稳步提升"},
  {54, 3, "效益指标", "可持续影响指标", 1, "持续发挥作用的期限", "≥12个月"},
  {55, 3, "满意度指标", "服务对象满意度指标", 1, "政策知晓率", "≥98%"},
  {56, 3, "满意度指标", "服务对象满意度指标", 2, "受益群体满意度", ""},
  {57, 4, "产出指标", "数量指标", 1, "对8个社区73名社区工作人员、14名社区离岗人员及110名社区小组长发放工资待遇", "100%"},
  {58, 4, "产出指标", "数量指标", 2, "单位自聘人员工资", "3人/年/6.3"},
  {59, 4, "产出指标", "数量指标", 3, "天然气费", "5"},
  {60, 4, "产出指标", "数量指标", 4, "局机关全年办公费", "12"},
  {61, 4, "产出指标", "数量指标", 5, "城乡居民门牌工本费", "5"},
  {62, 4, "产出指标", "数量指标", 6, "社会组织年检费", "1.7"},
  {63, 4, "产出指标", "数量指标", 7, "婚姻登记工作经费", "5"},
  {64, 4, "产出指标", "数量指标", 8, "社会救助工作经费", "5"},
  {65, 4, "产出指标", "数量指标", 9, "地名标识牌维护费", "5"},
  {66, 4, "产出指标", "数量指标", 10, "单位自聘人员工资", "2人/年/4.2万"},
  {67, 4, "产出指标", "数量指标", 11, "冬季取暖用煤140吨", "吨/1300元"},
  {68, 4, "产出指标", "质量指标", 1, "每月为在册社区工作人员、社区离岗人员、社区小组长足额发放工资待遇", "95%"},
  {69, 4, "产出指标", "质量指标", 2, "未成年人保户工作培训人次", "≥200人"},
  {70, 4, "效益指标", "社会效益指标", 1, "保障社区正常运转，提升社区居民的生活水平和生活质量，加强社区建设", "100%"},
  {71, 4, "效益指标", "社会效益指标", 2, "保障单位各项业务工作正常运转", "100%"},
  {72, 4, "效益指标", "可持续影响指标", 1, "持续发挥作用的期限", ""},
  {73, 4, "满意度指标", "服务对象满意度指标", 1, "群众对民政事业工作满意度", "95%"},
};
// clang-format on

}  // namespace

TEST_CASE("the sample table reads into its exact indicator tree", "[read][sample]") {
  const jixiao::TableRead read = jixiao::read_table(kSample);
  const jixiao::Table& t = read.table;
  CHECK(read.format == jixiao::Format::tsv);
  CHECK(read.encoding == jixiao::Encoding::utf8);

  SECTION("title, kind, year and header fields") {
    CHECK(t.title.text == "2024年部门整体支出绩效目标批复表");
    CHECK(t.title.at.line == 3);
    CHECK(t.kind == jixiao::TableKind::department_targets);
    CHECK(t.year == 2024);
    CHECK(t.field("部门(单位)名称") == "渚源县民政局");
    CHECK(t.field("单位名称") == "渚源县民政局");
    CHECK(t.field("主管部门") == "渚源县人民政府");
    CHECK(t.field("部门职能概述").substr(0, 30) == std::string("渚源县民政局是渚源县").substr(0, 30));
  }

  SECTION("four goals, markup removed") {
    REQUIRE(t.goals.size() == 4);
    for (int i = 0; i < 4; ++i) {
      CHECK(t.goals[static_cast<std::size_t>(i)].number == i + 1);
      CHECK(t.goals[static_cast<std::size_t>(i)].text.at.line == 9);
      CHECK(t.goals[static_cast<std::size_t>(i)].text.text.find("<p>") == std::string::npos);
      CHECK(t.goals[static_cast<std::size_t>(i)].text.text.find("</p>") == std::string::npos);
    }
    CHECK(t.goals[0].text.text.rfind("一是规范城乡低保政策实施", 0) == 0);
    CHECK(t.goals[3].text.text.rfind("渚源县民政局应强化基本民生保障职能", 0) == 0);
  }

  SECTION("four core functions") {
    REQUIRE(t.functions.size() == 4);
    const char* names[] = {"社会救助", "社会福利", "社会事务", "其他民政管理事务"};
    const int lines[] = {12, 27, 47, 57};
    for (std::size_t i = 0; i < 4; ++i) {
      CHECK(t.functions[i].number == static_cast<int>(i) + 1);
      CHECK(t.functions[i].name.text == names[i]);
      CHECK(t.functions[i].name.at.line == static_cast<std::uint32_t>(lines[i]));
    }
  }

  SECTION("61 indicators, each in its place") {
    REQUIRE(t.indicators.size() == std::size(kRows));
    for (std::size_t i = 0; i < t.indicators.size(); ++i) {
      const jixiao::Indicator& ind = t.indicators[i];
      const Row& want = kRows[i];
      INFO("line " << want.line << ": " << want.name);
      CHECK(ind.name.at.line == static_cast<std::uint32_t>(want.line));
      REQUIRE(ind.function >= 0);
      CHECK(t.functions[static_cast<std::size_t>(ind.function)].number == want.function);
      CHECK(ind.level1.text == want.level1);
      CHECK(ind.level2.text == want.level2);
      CHECK(ind.level1_kind == jixiao::classify_level1(want.level1));
      CHECK(ind.level2_kind == jixiao::classify_level2(want.level2));
      CHECK(ind.sequence == want.seq);
      CHECK(ind.name.text == want.name);
      CHECK(ind.target.raw == want.target);
      if (*want.target) CHECK(ind.target_at.line == static_cast<std::uint32_t>(want.line));
    }
  }

  SECTION("the three empty targets are reported at their lines") {
    std::set<std::uint32_t> empty_lines;
    for (const auto& d : read.diagnostics)
      if (d.code == "JX210") {
        CHECK(d.severity == jixiao::Severity::warning);
        CHECK(d.span.file == kSample);
        empty_lines.insert(d.span.line);
      }
    CHECK(empty_lines == std::set<std::uint32_t>{50, 56, 72});
  }

  SECTION("value diagnostics point at the file's line and column") {
    bool found = false;
    for (const auto& d : read.diagnostics)
      if (d.code == "JX103" && d.span.line == 58) {
        found = true;
        CHECK(d.span.file == kSample);
        CHECK(d.span.column > 5);  // within the target cell, not at the cell's start
      }
    CHECK(found);
  }

  SECTION("the guesses are said") {
    std::set<std::uint32_t> placed;
    for (const auto& d : read.diagnostics)
      if (d.code == "JX211") placed.insert(d.span.line);
    CHECK(placed == std::set<std::uint32_t>{45, 68});
    bool inferred_70 = false;
    for (const auto& d : read.diagnostics) inferred_70 = inferred_70 || (d.code == "JX213" && d.span.line == 70);
    CHECK(inferred_70);
    // ...and the level-1 label written on line 71 replaces the inferred one.
    CHECK(t.indicators[58].level1.at.line == 71);
  }

  SECTION("no error beyond the sample's own bad values") {
    for (const auto& d : read.diagnostics) {
      INFO(jixiao::to_string(d));
      if (d.severity == jixiao::Severity::error) CHECK((d.code == "JX103"));
    }
  }
}
