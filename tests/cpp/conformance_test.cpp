// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Conformance against a peer's public test cases: the Chinese specs of Microsoft
// Recognizers-Text (MIT), copied under tests/data/peer-specs/recognizers-text/.  Each spec file
// lists inputs with the entity the peer finds in them; we keep the cases whose single entity
// spans the whole input (a cell, for us), parse the input with jixiao::parse_value and compare
// the reading with the peer's resolution.  docs/conformance.md explains the selection and the
// comparison rules and lists every case we read differently, with the reason.
//
// Run: jixiao_tests "[conformance]"  (add -s to see the figures of passing models too).

#include <jixiao/value.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;

// Regression guards: the figures recorded in docs/conformance.md ("Figures").  Raise them when
// the grammar learns a form; never lower them without updating the document and saying why.
constexpr int kPercentAgree = 124;           // of 129
constexpr int kPercentAgreeOrSame = 127;     // agree, or the same quantity in another form
constexpr int kRangeAgree = 12;              // of 16
constexpr int kRangeAgreeOrSame = 16;        // + deliberate: both ends included
constexpr int kDimensionAgree = 24;          // of 24
constexpr int kCurrencyAgree = 2;            // of 7
constexpr int kCurrencyAgreeOrSame = 3;
constexpr int kRangeExperimentalAgree = 3;   // of 3
constexpr double kNumberMinimumRate = 0.95;  // NumberModel: a floor on the agreement rate

const std::string kSpecs = JIXIAO_TEST_DATA "/peer-specs/recognizers-text/Specs/";

// Their values are decimal strings rounded to 15 significant digits ("350.333333333333").
constexpr double kRelativeTolerance = 1e-12;

bool same_number(double ours, double theirs) {
  if (std::isnan(ours) || std::isnan(theirs)) return false;
  const double scale = std::fmax(std::fabs(ours), std::fabs(theirs));
  return std::fabs(ours - theirs) <= kRelativeTolerance * scale;
}

std::string fmt(double x) {
  if (std::isnan(x)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", x);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// The peer's cases

struct PeerCase {
  std::string input;
  json resolution;            // Results[0].Resolution
  bool not_supported = false; // skipped on at least one of the peer's platforms
};

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

// The cases of one spec file whose single result spans the whole input.
std::vector<PeerCase> whole_input_cases(const std::string& spec) {
  std::ifstream in(kSpecs + spec, std::ios::binary);
  REQUIRE(in.good());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);

  std::vector<PeerCase> cases;
  for (const json& c : json::parse(text)) {
    const json& results = c.at("Results");
    if (results.size() != 1) continue;
    const json& r = results[0];
    const std::string input = c.at("Input").get<std::string>();
    if (r.at("Start").get<long>() != 0 ||
        r.at("End").get<long>() != static_cast<long>(code_points(input)) - 1)
      continue;
    PeerCase pc;
    pc.input = input;
    pc.resolution = r.at("Resolution");
    const std::string ns = c.value("NotSupported", std::string());
    pc.not_supported = ns.find_first_not_of(" ,") != std::string::npos;
    cases.push_back(std::move(pc));
  }
  return cases;
}

double peer_number(const json& s) {
  // "65%", "6E-05%", "-1.2732E+15": strtod reads the number and stops at a '%'.
  return std::strtod(s.get<std::string>().c_str(), nullptr);
}

// ---------------------------------------------------------------------------------------------
// Verdicts and tallies

enum class Verdict {
  agree,     // the same reading
  same,      // the same quantity in another form (a unit kept, an end included, …)
  disagree,  // a different quantity, or no quantity
};

struct Outcome {
  Verdict verdict;
  std::string why;  // for same and disagree
};

Outcome agree() { return {Verdict::agree, {}}; }
Outcome same(std::string why) { return {Verdict::same, std::move(why)}; }
Outcome disagree(std::string why) { return {Verdict::disagree, std::move(why)}; }
Outcome unexpected_comparator(const jixiao::Value& v) {
  return disagree("comparator " + std::string(jixiao::to_string(v.op)));
}

// What we read, in one line: `number op=> value=100000 unit=""` plus diagnostics.
std::string describe(const jixiao::ValueParse& r) {
  const jixiao::Value& v = r.value;
  std::ostringstream os;
  os << jixiao::to_string(v.kind);
  if (v.op != jixiao::Comparator::none) os << " op=" << jixiao::to_string(v.op);
  if (v.kind == jixiao::ValueKind::number) {
    if (v.op == jixiao::Comparator::range)
      os << ' ' << (v.lower_inclusive ? '[' : '(') << fmt(v.value) << ',' << fmt(v.upper)
         << (v.upper_inclusive ? ']' : ')');
    else
      os << " value=" << fmt(v.value);
    os << " unit=\"" << v.unit << '"';
  }
  if (!v.text.empty()) os << " text=\"" << v.text << '"';
  for (const jixiao::Diagnostic& d : r.diagnostics)
    os << " [" << d.code << ": " << d.message << ']';
  return os.str();
}

struct Tally {
  std::string model;
  int cases = 0, agreed = 0, same = 0, disagreed = 0;
  int more_than = 0;                          // agreed with op `>` (余/多/几)
  int not_supported = 0, agreed_supported = 0;
  std::string listing;                        // every case not agreed, one per line

  int agree_or_same() const { return agreed + same; }
  double rate() const { return cases ? double(agreed) / cases : 0; }

  std::string summary() const {
    char buf[320];
    const int supported = cases - not_supported;
    int n = std::snprintf(buf, sizeof buf,
                          "%s: %d whole-input cases, %d agree (%.1f%%), %d same quantity in "
                          "another form, %d disagree; %d read as 'more than'; %d NotSupported "
                          "somewhere",
                          model.c_str(), cases, agreed, 100 * rate(), same, disagreed, more_than,
                          not_supported);
    if (supported > 0 && n > 0 && n < static_cast<int>(sizeof buf))
      std::snprintf(buf + n, sizeof buf - n, ", without them %d/%d agree (%.1f%%)",
                    agreed_supported, supported, 100.0 * agreed_supported / supported);
    return buf;
  }
};

using Compare = Outcome (*)(const json& resolution, const jixiao::Value& ours);

Tally run(const std::string& model, const std::string& spec, Compare compare) {
  Tally t;
  t.model = model;
  for (const PeerCase& c : whole_input_cases(spec)) {
    const jixiao::ValueParse r = jixiao::parse_value(c.input);
    const Outcome o = compare(c.resolution, r.value);
    ++t.cases;
    t.not_supported += c.not_supported;
    switch (o.verdict) {
      case Verdict::agree:
        ++t.agreed;
        t.agreed_supported += !c.not_supported;
        t.more_than += r.value.op == jixiao::Comparator::gt;
        continue;
      case Verdict::same: ++t.same; break;
      case Verdict::disagree: ++t.disagreed; break;
    }
    t.listing += (o.verdict == Verdict::same ? "  ~ " : "  x ") + c.input + "  peer " +
                 c.resolution.dump() + "  ours " + describe(r) + "  -- " + o.why + '\n';
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// One comparison per model

// A bare number.  余/多/几 give op `>` with the same value: that agrees on the value (the tally
// counts them).  A count of 打 (dozens) is the same quantity in another unit.
Outcome compare_number(const json& res, const jixiao::Value& v) {
  const double theirs = peer_number(res.at("value"));
  if (v.kind != jixiao::ValueKind::number) return disagree("not read as a number");
  if (v.op != jixiao::Comparator::none && v.op != jixiao::Comparator::gt)
    return unexpected_comparator(v);
  if (v.unit.empty())
    return same_number(v.value, theirs) ? agree() : disagree("different value");
  if (v.unit == "打" && same_number(v.value * 12, theirs))
    return same("unit 打 kept, not converted to 12 each");
  return disagree("unit \"" + v.unit + "\"");
}

// A percentage: their "65%" is 65 percent.  Ours is in %, 个百分点, ‰ or ‱; a plain number
// (a fraction such as 百万分之五) is the same quantity without a percent unit.
Outcome compare_percent(const json& res, const jixiao::Value& v) {
  const double theirs = peer_number(res.at("value"));
  if (v.kind != jixiao::ValueKind::number) return disagree("not read as a number");
  if (v.op != jixiao::Comparator::none) return unexpected_comparator(v);
  double percent = 0;
  if (v.unit == "%" || v.unit == "百分点")
    percent = v.value;
  else if (v.unit == "‰")
    percent = v.value / 10;
  else if (v.unit == "‱")
    percent = v.value / 100;
  else if (v.unit.empty())
    return same_number(v.value * 100, theirs) ? same("a plain fraction, not a percent unit")
                                              : disagree("different value, no unit");
  else
    return disagree("unit \"" + v.unit + "\"");
  return same_number(percent, theirs) ? agree() : disagree("different value");
}

// An interval `[a,b)`, `(a,)`, `(,b]`: each side present or not, with its openness.
struct Bound {
  bool present = false;
  double at = 0;
  bool inclusive = false;
};
struct Interval {
  Bound lower, upper;
};

Interval peer_interval(const std::string& s) {
  Interval i;
  const std::size_t comma = s.find(',');
  const std::string lo = s.substr(1, comma - 1), hi = s.substr(comma + 1, s.size() - comma - 2);
  if (!lo.empty()) i.lower = {true, std::strtod(lo.c_str(), nullptr), s.front() == '['};
  if (!hi.empty()) i.upper = {true, std::strtod(hi.c_str(), nullptr), s.back() == ']'};
  return i;
}

std::optional<Interval> our_interval(const jixiao::Value& v) {
  using jixiao::Comparator;
  switch (v.op) {
    case Comparator::range:
      return Interval{{true, v.value, v.lower_inclusive}, {true, v.upper, v.upper_inclusive}};
    case Comparator::ge: return Interval{{true, v.value, true}, {}};
    case Comparator::gt: return Interval{{true, v.value, false}, {}};
    case Comparator::le: return Interval{{}, {true, v.value, true}};
    case Comparator::lt: return Interval{{}, {true, v.value, false}};
    case Comparator::eq:
    case Comparator::none: return Interval{{true, v.value, true}, {true, v.value, true}};
  }
  return std::nullopt;
}

bool same_numbers(const Bound& a, const Bound& b) {
  return a.present == b.present && (!a.present || same_number(a.at, b.at));
}
bool same_openness(const Bound& a, const Bound& b) {
  return !a.present || a.inclusive == b.inclusive;
}

// jixiao reads `X与Y之间`, `X-Y` as closed at both ends on purpose; the peer often leaves the
// upper end open.  Same numbers with both our ends included is that deliberate difference.
Outcome compare_range(const json& res, const jixiao::Value& v) {
  if (v.kind != jixiao::ValueKind::number) return disagree("not read as a number");
  if (!v.unit.empty()) return disagree("unit \"" + v.unit + "\"");
  const Interval theirs = peer_interval(res.at("value").get<std::string>());
  const std::optional<Interval> ours = our_interval(v);
  if (!ours || !same_numbers(ours->lower, theirs.lower) || !same_numbers(ours->upper, theirs.upper))
    return disagree("different bounds");
  if (same_openness(ours->lower, theirs.lower) && same_openness(ours->upper, theirs.upper))
    return agree();
  if (v.op == jixiao::Comparator::range && v.lower_inclusive && v.upper_inclusive)
    return same("deliberate: both ends included");
  return disagree("an end is open on one side only");
}

// A value with a unit: the peer's English unit name against the Chinese unit we keep.  A unit
// prefix read as a multiplier instead (3000 比特 for 3 千比特) is the same quantity.
struct UnitName {
  const char* english;
  const char* chinese;
  const char* base;  // the unit without its prefix, or nullptr
  double factor;     // chinese = factor × base
};

Outcome compare_with_unit(const json& res, const jixiao::Value& v, const UnitName& name) {
  if (v.kind != jixiao::ValueKind::number) return disagree("not read as a number");
  if (v.op != jixiao::Comparator::none) return unexpected_comparator(v);
  const bool any_value = res.at("value").is_null();  // the peer may leave the value out
  const double theirs = any_value ? 0 : peer_number(res.at("value"));
  if (v.unit == name.chinese)
    return any_value || same_number(v.value, theirs) ? agree() : disagree("different value");
  if (name.base && v.unit == name.base &&
      (any_value || same_number(v.value, theirs * name.factor)))
    return same("prefix read as a multiplier");
  return disagree(v.unit.empty() ? "no unit" : "unit \"" + v.unit + "\"");
}

const UnitName* find_unit(const UnitName* begin, const UnitName* end, const json& res) {
  const std::string english = res.at("unit").get<std::string>();
  for (const UnitName* u = begin; u != end; ++u)
    if (english == u->english) return u;
  return nullptr;
}

constexpr UnitName kDimensions[] = {
    {"Ton", "吨", nullptr, 1},         {"Meter", "米", nullptr, 1},
    {"Jin", "斤", nullptr, 1},         {"Liang", "两", nullptr, 1},
    {"Gram", "克", nullptr, 1},        {"Hertz", "赫兹", nullptr, 1},
    {"Kilometer", "千米", "米", 1e3},  {"Kilogram", "千克", "克", 1e3},
    {"Kilobit", "千比特", "比特", 1e3}, {"Kilobyte", "千字节", "字节", 1e3},
    {"Megabyte", "兆字节", "字节", 1e6}, {"Megahertz", "兆赫兹", "赫兹", 1e6},
    {"Kilowatt", "千瓦", "瓦", 1e3},   {"Kilocalorie", "千卡", "卡", 1e3},
};

Outcome compare_dimension(const json& res, const jixiao::Value& v) {
  const UnitName* name = find_unit(std::begin(kDimensions), std::end(kDimensions), res);
  if (!name) return disagree("no Chinese name known for the peer's unit");
  return compare_with_unit(res, v, *name);
}

constexpr UnitName kCurrencies[] = {
    {"Chinese yuan", "元", nullptr, 1},
    {"United States dollar", "美元", nullptr, 1},
    {"Japanese yen", "日元", nullptr, 1},
};

// An amount of money.  We keep the currency as written, so `8亿元人民币` has unit 元人民币:
// the same quantity as the peer's Chinese yuan, spelled otherwise.
Outcome compare_currency(const json& res, const jixiao::Value& v) {
  const UnitName* name = find_unit(std::begin(kCurrencies), std::end(kCurrencies), res);
  if (!name) return disagree("no Chinese name known for the peer's unit");
  if (name == &kCurrencies[0] && v.unit == "元人民币") {
    const Outcome o = compare_with_unit(res, v, {"Chinese yuan", "元人民币", nullptr, 1});
    return o.verdict == Verdict::agree ? same("unit spelled 元人民币") : o;
  }
  return compare_with_unit(res, v, *name);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("conformance NumberModel: whole-input numbers read as the peer reads them",
          "[conformance]") {
  const Tally t = run("NumberModel", "Number/Chinese/NumberModel.json", compare_number);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 264);  // the selection rule, checked against docs/conformance.md
  REQUIRE(t.rate() >= kNumberMinimumRate);
}

TEST_CASE("conformance PercentModel: whole-input percentages read as the peer reads them",
          "[conformance]") {
  const Tally t = run("PercentModel", "Number/Chinese/PercentModel.json", compare_percent);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 129);
  REQUIRE(t.agreed >= kPercentAgree);
  REQUIRE(t.agree_or_same() >= kPercentAgreeOrSame);
}

TEST_CASE("conformance NumberRangeModel: whole-input ranges read as the peer reads them",
          "[conformance]") {
  const Tally t = run("NumberRangeModel", "Number/Chinese/NumberRangeModel.json", compare_range);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 16);
  REQUIRE(t.agreed >= kRangeAgree);
  REQUIRE(t.agree_or_same() >= kRangeAgreeOrSame);
}

TEST_CASE("conformance NumberRangeModelExperimentalMode: closed ranges read as the peer reads them",
          "[conformance]") {
  const Tally t = run("NumberRangeModelExperimentalMode",
                      "Number/Chinese/NumberRangeModelExperimentalMode.json", compare_range);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 3);
  REQUIRE(t.agreed >= kRangeExperimentalAgree);
}

TEST_CASE("conformance DimensionModel: whole-input measures read as the peer reads them",
          "[conformance]") {
  const Tally t =
      run("DimensionModel", "NumberWithUnit/Chinese/DimensionModel.json", compare_dimension);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 24);
  REQUIRE(t.agreed >= kDimensionAgree);
}

TEST_CASE("conformance CurrencyModel: whole-input amounts read as the peer reads them",
          "[conformance]") {
  const Tally t =
      run("CurrencyModel", "NumberWithUnit/Chinese/CurrencyModel.json", compare_currency);
  INFO(t.summary());
  INFO("cases not agreed:\n" << t.listing);
  CHECK(t.cases == 7);
  REQUIRE(t.agreed >= kCurrencyAgree);
  REQUIRE(t.agree_or_same() >= kCurrencyAgreeOrSame);
}
