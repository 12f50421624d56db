// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// jixiao's own JSON schema for a Table, both directions (docs/formats.md).  Lossless: reading
// what to_json wrote gives a Table equal to the original, and writing it again gives the same
// bytes.  Every Value is stored with its whole reading, not only its raw text, because a Value
// may have been built in code; hand-written JSON may give only the raw text, which is parsed.
#include <jixiao/detail/json_error.hpp>
#include <jixiao/detail/table_json.hpp>
#include <jixiao/detail/utf8.hpp>
#include <jixiao/read.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace jixiao {
namespace {

// ordered_json keeps keys in the order written, so output follows the schema's order and
// unknown-field warnings come in document order.
using Json = nlohmann::ordered_json;

constexpr std::string_view format_name = "jixiao-table";
constexpr int format_version = 1;

// ---------------------------------------------------------------------------------------------
// Enumerations, spelled as their public to_string spells them.  Direction and Recurrence have
// no public spelling yet; these are the schema's.

std::string_view enum_name(Direction d) noexcept {
  switch (d) {
    case Direction::unknown: return "";
    case Direction::higher_is_better: return "higher_is_better";
    case Direction::lower_is_better: return "lower_is_better";
  }
  return "";
}

std::string_view enum_name(Recurrence r) noexcept {
  switch (r) {
    case Recurrence::none: return "";
    case Recurrence::monthly: return "monthly";
    case Recurrence::yearly: return "yearly";
  }
  return "";
}

template <typename E>
std::string_view enum_name(E e) noexcept {
  return to_string(e);
}

/// The last enumerator of each enumeration the schema spells; all of them count up from 0.
template <typename E> struct Last;
template <> struct Last<TableKind> { static constexpr TableKind value = TableKind::self_evaluation; };
template <> struct Last<Level1> { static constexpr Level1 value = Level1::other; };
template <> struct Last<Level2> { static constexpr Level2 value = Level2::other; };
template <> struct Last<Direction> { static constexpr Direction value = Direction::lower_is_better; };
template <> struct Last<ValueKind> { static constexpr ValueKind value = ValueKind::invalid; };
template <> struct Last<Comparator> { static constexpr Comparator value = Comparator::range; };
template <> struct Last<Category> { static constexpr Category value = Category::rule_reference; };
template <> struct Last<Basis> { static constexpr Basis value = Basis::other; };
template <> struct Last<Recurrence> { static constexpr Recurrence value = Recurrence::yearly; };

/// The enumerator spelled `name`, or false.
template <typename E>
bool enum_from_string(std::string_view name, E& out) noexcept {
  using U = std::underlying_type_t<E>;
  for (U i = 0; i <= static_cast<U>(Last<E>::value); ++i) {
    if (enum_name(static_cast<E>(i)) == name) {
      out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

/// `"output", "outcome", … or ""` for a diagnostic.
template <typename E>
std::string enum_choices() {
  using U = std::underlying_type_t<E>;
  std::string s;
  bool empty_allowed = false;
  for (U i = 0; i <= static_cast<U>(Last<E>::value); ++i) {
    const std::string_view n = enum_name(static_cast<E>(i));
    if (n.empty()) {
      empty_allowed = true;
      continue;
    }
    if (!s.empty()) s += ", ";
    s += '"';
    s += n;
    s += '"';
  }
  if (empty_allowed) s += " or \"\"";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Writing

/// NaN is null; the infinities, which JSON cannot spell, are the strings JSON5 and Python use.
Json write_number(double x) {
  if (std::isnan(x)) return nullptr;
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  return x;
}

/// Whether a location is written: when either number is known.
bool written(SourceLocation at) noexcept { return at.line != 0 || at.column != 0; }

Json write_location(SourceLocation at) {
  Json j = Json::object();
  j["line"] = at.line;
  j["column"] = at.column;
  return j;
}

Json write_text(const Text& t) {
  Json j = Json::object();
  j["text"] = t.text;
  if (written(t.at)) {
    j["line"] = t.at.line;
    j["column"] = t.at.column;
  }
  return j;
}

Json write_date(const CalendarDate& d) {
  if (d == CalendarDate{}) return nullptr;
  Json j = Json::object();
  j["year"] = d.year;
  j["month"] = d.month;
  j["day"] = d.day;
  j["month_end"] = d.month_end;
  j["every"] = enum_name(d.every);
  return j;
}

/// The whole reading, not just `raw`: a Value built in code need not be what its raw text parses
/// to.  A default Value (nothing written, nothing read) is null.
Json write_value(const Value& v) {
  if (v == Value{}) return nullptr;
  Json j = Json::object();
  j["raw"] = v.raw;
  j["kind"] = enum_name(v.kind);
  j["op"] = enum_name(v.op);
  j["approximate"] = v.approximate;
  j["lower_inclusive"] = v.lower_inclusive;
  j["upper_inclusive"] = v.upper_inclusive;
  j["number"] = write_number(v.number);
  j["multiplier"] = write_number(v.multiplier);
  j["value"] = write_number(v.value);
  j["upper"] = write_number(v.upper);
  j["unit"] = v.unit;
  j["text"] = v.text;
  j["category"] = enum_name(v.category);
  j["date"] = write_date(v.date);
  j["date_end"] = write_date(v.date_end);
  j["basis"] = enum_name(v.basis);
  j["note"] = v.note;
  return j;
}

Json write_indicator(const Indicator& i) {
  Json j = Json::object();
  j["function"] = i.function;
  j["level1"] = write_text(i.level1);
  j["level1_kind"] = enum_name(i.level1_kind);
  j["level2"] = write_text(i.level2);
  j["level2_kind"] = enum_name(i.level2_kind);
  j["sequence"] = i.sequence;
  j["name"] = write_text(i.name);
  j["target"] = write_value(i.target);
  if (written(i.target_at)) j["target_at"] = write_location(i.target_at);
  j["direction"] = enum_name(i.direction);
  j["actual"] = write_value(i.actual);
  if (written(i.actual_at)) j["actual_at"] = write_location(i.actual_at);
  j["weight"] = write_number(i.weight);
  if (written(i.weight_at)) j["weight_at"] = write_location(i.weight_at);
  j["score"] = write_number(i.score);
  if (written(i.score_at)) j["score_at"] = write_location(i.score_at);
  j["deviation"] = write_text(i.deviation);
  if (i.merged.any()) {
    const MergedCells& m = i.merged;
    j["merged"] = Json{{"actual", m.actual}, {"weight", m.weight}, {"score", m.score}, {"deviation", m.deviation}};
  }
  return j;
}

Json write_budget_line(const BudgetLine& b) {
  Json j = Json::object();
  j["label"] = write_text(b.label);
  j["initial"] = write_number(b.initial);
  j["full_year"] = write_number(b.full_year);
  j["executed"] = write_number(b.executed);
  j["weight"] = write_number(b.weight);
  j["rate"] = write_number(b.rate);
  j["score"] = write_number(b.score);
  if (!b.file.empty()) j["file"] = b.file;
  return j;
}

Json write_totals(const Totals& t) {
  if (t == Totals{}) return nullptr;
  Json j = Json::object();
  j["weight"] = write_number(t.weight);
  j["score"] = write_number(t.score);
  j["grade"] = write_text(t.grade);
  if (written(t.at)) j["at"] = write_location(t.at);
  return j;
}

Json write_table(const Table& t) {
  Json j = Json::object();
  j["format"] = format_name;
  j["version"] = format_version;
  j["kind"] = enum_name(t.kind);
  j["title"] = write_text(t.title);
  j["year"] = t.year;
  Json& header = j["header"] = Json::array();
  for (const HeaderField& f : t.header) {
    Json e = Json::object();
    e["key"] = f.key;
    e["value"] = write_text(f.value);
    header.push_back(std::move(e));
  }
  Json& goals = j["goals"] = Json::array();
  for (const Goal& g : t.goals) {
    Json e = Json::object();
    e["number"] = g.number;
    e["text"] = write_text(g.text);
    e["outcome"] = write_text(g.outcome);
    goals.push_back(std::move(e));
  }
  Json& functions = j["functions"] = Json::array();
  for (const CoreFunction& f : t.functions) {
    Json e = Json::object();
    e["number"] = f.number;
    e["name"] = write_text(f.name);
    functions.push_back(std::move(e));
  }
  Json& indicators = j["indicators"] = Json::array();
  for (const Indicator& i : t.indicators) indicators.push_back(write_indicator(i));
  Json& budget = j["budget"] = Json::array();
  for (const BudgetLine& b : t.budget) budget.push_back(write_budget_line(b));
  j["totals"] = write_totals(t.totals);
  Json& columns = j["columns"] = Json::array();
  for (const Text& c : t.columns) columns.push_back(write_text(c));
  if (!t.actuals_file.empty()) j["actuals_file"] = t.actuals_file;
  return j;
}

/// Small leaf objects (a Text, a location, a date: at most five members, none of them an object
/// or an array) go on one line; everything else is indented by two spaces per level.  The
/// layout depends only on the shape, so a change to one cell changes one line of a diff.
bool one_line(const Json& j) {
  if (j.size() > 5) return false;
  for (const Json& member : j)
    if (member.is_structured()) return false;
  return true;
}

void write_scalar(const Json& j, std::string& out) {
  // Strict: text that is not UTF-8 throws type_error 316 (see to_json).
  out += j.dump(-1, ' ', false, Json::error_handler_t::strict);
}

void write_layout(const Json& j, int depth, std::string& out) {
  if (!j.is_structured()) return write_scalar(j, out);
  const bool object = j.is_object();
  if (j.empty()) {
    out += object ? "{}" : "[]";
    return;
  }
  const bool flat = one_line(j);
  out += object ? '{' : '[';
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ',';
    first = false;
    if (flat) {
      if (it != j.begin()) out += ' ';
    } else {
      out += '\n';
      out.append(2 * (depth + 1), ' ');
    }
    if (object) {
      write_scalar(Json(it.key()), out);
      out += ": ";
    }
    write_layout(*it, depth + 1, out);
  }
  if (!flat) {
    out += '\n';
    out.append(2 * depth, ' ');
  }
  out += object ? '}' : ']';
}

/// A table holding text that is not UTF-8 cannot be written as JSON.  Readers only make UTF-8,
/// so this is a table built in code with bytes from elsewhere: misuse, hence an exception.
[[noreturn]]
#if defined(__GNUC__)
__attribute__((cold, noinline))
#endif
void throw_not_utf8(const char* what) {
  throw std::invalid_argument(std::string("jixiao::to_json: the table holds text that is not valid UTF-8 (") + what +
                              ")");
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A JSON path such as `indicators[3].target.value`, built on the stack and spelled only when a
/// diagnostic needs it: reading a large table allocates no path strings.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;        ///< member name, or empty for an array element
  std::size_t index = 0;       ///< array index when `key` is empty

  Path member(std::string_view k) const { return Path{this, k, 0}; }
  Path element(std::size_t i) const { return Path{this, {}, i}; }

  std::string str() const {
    if (parent == nullptr) return {};  // the document itself
    std::string s = parent->str();
    if (!key.empty()) {
      if (!s.empty()) s += '.';
      s += key;
    } else {
      s += '[' + std::to_string(index) + ']';
    }
    return s;
  }
};

/// `a string`, `an array`: what was found instead.
std::string_view type_phrase(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number with a fraction or exponent";
    default: return "something else";
  }
}

class Reader {
 public:
  Reader(TableRead& out, const std::string& file) : out_(out), file_(file) {}

  /// Malformed JSON: nlohmann's byte offset turned into a line and a column in code points.
  void parse_error(const nlohmann::json::parse_error& e, std::string_view text) {
    // e.byte is the 1-based index of the last character read: the one that broke the parse,
    // or one past the end when the input ended too early.
    const std::size_t offset = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    const std::string why = detail::json_error_reason(e.what(), text, offset);
    const std::size_t at = token_start(text, offset);
    const std::uint32_t column = 1 + detail::count_code_points(text.data() + line_start, text.data() + at);
    Diagnostic& d = add("JX230", Severity::error, "malformed JSON: " + why);
    d.span.line = line;
    d.span.column = column;
  }

  /// A JSON error without a position (a number too large for a double).
  void other_error(const nlohmann::json::exception& e) {
    add("JX230", Severity::error, "malformed JSON: " + detail::json_error_reason(e.what()));
  }

  void table(const Json& doc, Table& t) {
    const Path root;
    if (!doc.is_object()) {
      add("JX233", Severity::error,
          "not a jixiao table: the document is " + std::string(type_phrase(doc)) + ", not an object",
          "a table in jixiao's JSON starts with {\"format\": \"jixiao-table\", \"version\": 1");
      return;
    }
    check_format(doc);
    for (const auto& [key, j] : object(doc)) {
      const Path p = root.member(key);
      if (key == "format" || key == "version") continue;  // checked above
      if (key == "kind") read_enum(j, p, t.kind);
      else if (key == "title") read_text(j, p, t.title);
      else if (key == "year") read_int(j, p, t.year);
      else if (key == "header") read_array(j, p, t.header, &Reader::read_header_field);
      else if (key == "goals") read_array(j, p, t.goals, &Reader::read_goal);
      else if (key == "functions") read_array(j, p, t.functions, &Reader::read_function);
      else if (key == "indicators") read_array(j, p, t.indicators, &Reader::read_indicator);
      else if (key == "budget") read_array(j, p, t.budget, &Reader::read_budget_line);
      else if (key == "totals") read_totals(j, p, t.totals);
      else if (key == "columns") read_array(j, p, t.columns, &Reader::read_text);
      else if (key == "actuals_file") read_string(j, p, t.actuals_file);
      else unknown(p);
    }
    // An indicator pointing past the core functions would make `functions[i.function]` unsafe.
    const Path indicators = root.member("indicators");
    for (std::size_t n = 0; n < t.indicators.size(); ++n) {
      Indicator& i = t.indicators[n];
      if (i.function >= -1 && i.function < static_cast<long long>(t.functions.size())) continue;
      add("JX231", Severity::error,
          "`" + indicators.element(n).member("function").str() + "` is " + std::to_string(i.function) +
              ", not a core function: the table has " + std::to_string(t.functions.size()) +
              " (use -1 for none); read as -1");
      i.function = -1;
    }
  }

 private:
  static const Json::object_t& object(const Json& j) { return j.get_ref<const Json::object_t&>(); }

  /// Where the token ending at `offset` starts, when it is a whole string: after a missing comma
  /// the parser has read all of `"version"`, and the column should point at its opening quote.
  /// (An error inside a string stops before its closing quote, so a quote at `offset` closes one;
  /// strings hold no raw newline, so the opening quote is on the same line.)
  static std::size_t token_start(std::string_view text, std::size_t offset) {
    if (offset >= text.size() || text[offset] != '"') return offset;
    for (std::size_t i = offset; i > 0 && text[i - 1] != '\n';) {
      if (text[--i] != '"') continue;
      std::size_t backslashes = 0;
      while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;  // an unescaped quote: the string's start
    }
    return offset;
  }

  Diagnostic& add(std::string code, Severity severity, std::string message, std::string hint = {}) {
    Diagnostic d;
    d.code = std::move(code);
    d.severity = severity;
    d.message = std::move(message);
    d.span.file = file_;
    d.hint = std::move(hint);
    out_.diagnostics.push_back(std::move(d));
    return out_.diagnostics.back();
  }

  void type_error(const Json& j, const Path& p, std::string_view expected) {
    add("JX231", Severity::error,
        "`" + p.str() + "` should be " + std::string(expected) + ", not " + std::string(type_phrase(j)));
  }

  /// Reports a required field that `object` lacks.
  bool require(const Json& object, const Path& p, std::string_view key) {
    if (object.contains(key)) return true;
    add("JX231", Severity::error, "required field `" + p.member(key).str() + "` is missing");
    return false;
  }

  void unknown(const Path& p) {
    add("JX232", Severity::warning, "unknown field `" + p.str() + "` is ignored",
        "check its spelling against docs/formats.md");
  }

  void check_format(const Json& doc) {
    const auto format = doc.find("format");
    if (format == doc.end()) {
      add("JX233", Severity::error, "`format` is missing: not a jixiao table",
          "a table in jixiao's JSON starts with {\"format\": \"jixiao-table\", \"version\": 1");
    } else if (!format->is_string() || format->get_ref<const std::string&>() != format_name) {
      add("JX233", Severity::error,
          "`format` is " + format->dump(-1, ' ', false, Json::error_handler_t::replace) +
              ", not \"jixiao-table\": not a jixiao table");
    }
    const auto version = doc.find("version");
    if (version == doc.end()) {
      add("JX233", Severity::error, "`version` is missing", "this jixiao reads version 1");
    } else if (!version->is_number_integer() || version->get<std::int64_t>() != format_version) {
      add("JX233", Severity::error,
          "unsupported `version` " + version->dump(-1, ' ', false, Json::error_handler_t::replace),
          "this jixiao reads version 1");
    }
  }

  bool expect_object(const Json& j, const Path& p) {
    if (j.is_object()) return true;
    type_error(j, p, "an object");
    return false;
  }

  /// An array of T; null or absent is empty.  An element that is not what it should be is kept
  /// as a default T, so that indices (Indicator::function, diagnostic paths) stay the document's.
  template <typename T>
  void read_array(const Json& j, const Path& p, std::vector<T>& out,
                  void (Reader::*read_element)(const Json&, const Path&, T&)) {
    if (j.is_null()) return;
    if (!j.is_array()) return type_error(j, p, "an array");
    out.resize(j.size());
    for (std::size_t n = 0; n < j.size(); ++n) (this->*read_element)(j[n], p.element(n), out[n]);
  }

  void read_string(const Json& j, const Path& p, std::string& out) {
    if (!j.is_string()) return type_error(j, p, "a string");
    out = j.get_ref<const std::string&>();
  }

  void read_bool(const Json& j, const Path& p, bool& out) {
    if (!j.is_boolean()) return type_error(j, p, "true or false");
    out = j.get<bool>();
  }

  template <typename I>
  void read_int(const Json& j, const Path& p, I& out) {
    static_assert(std::is_integral_v<I>);
    // A whole number beyond 64 bits is parsed as a double: out of range, not "a fraction".
    const bool huge_whole = j.is_number_float() && std::isfinite(j.get<double>()) &&
                            std::floor(j.get<double>()) == j.get<double>() && std::fabs(j.get<double>()) >= 0x1p63;
    if (huge_whole) {
      add("JX231", Severity::error,
          "`" + p.str() + "` is " + j.dump() + ", out of range (" + std::to_string(std::numeric_limits<I>::min()) +
              " to " + std::to_string(std::numeric_limits<I>::max()) + ")");
      return;
    }
    if (!j.is_number_integer()) return type_error(j, p, "an integer");
    const bool fits = j.is_number_unsigned()
                          ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<I>::max())
                          : j.get<std::int64_t>() >= static_cast<std::int64_t>(std::numeric_limits<I>::min()) &&
                                j.get<std::int64_t>() <= static_cast<std::int64_t>(std::numeric_limits<I>::max());
    if (!fits) {
      add("JX231", Severity::error,
          "`" + p.str() + "` is " + j.dump() + ", out of range (" + std::to_string(std::numeric_limits<I>::min()) +
              " to " + std::to_string(std::numeric_limits<I>::max()) + ")");
      return;
    }
    out = j.is_number_unsigned() ? static_cast<I>(j.get<std::uint64_t>()) : static_cast<I>(j.get<std::int64_t>());
  }

  /// A number; null is NaN, "Infinity" and "-Infinity" the infinities.
  void read_number(const Json& j, const Path& p, double& out) {
    if (j.is_null()) {
      out = std::numeric_limits<double>::quiet_NaN();
    } else if (j.is_number()) {
      out = j.get<double>();
    } else if (j.is_string() && j.get_ref<const std::string&>() == "Infinity") {
      out = std::numeric_limits<double>::infinity();
    } else if (j.is_string() && j.get_ref<const std::string&>() == "-Infinity") {
      out = -std::numeric_limits<double>::infinity();
    } else {
      type_error(j, p, "a number or null");
    }
  }

  template <typename E>
  void read_enum(const Json& j, const Path& p, E& out) {
    if (!j.is_string()) return type_error(j, p, "a string, one of " + enum_choices<E>());
    if (enum_from_string(j.get_ref<const std::string&>(), out)) return;
    add("JX231", Severity::error,
        "`" + p.str() + "` is \"" + detail::valid_utf8(j.get_ref<const std::string&>()) + "\", not one of " +
            enum_choices<E>());
  }

  void read_location(const Json& j, const Path& p, SourceLocation& at) {
    if (j.is_null()) return;
    if (!expect_object(j, p)) return;
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "line") read_int(v, q, at.line);
      else if (k == "column") read_int(v, q, at.column);
      else unknown(q);
    }
  }

  /// `{"text": …, "line": …, "column": …}`, or a bare string for text with no location.
  void read_text(const Json& j, const Path& p, Text& t) {
    if (j.is_string()) {
      t.text = j.get_ref<const std::string&>();
      return;
    }
    if (!j.is_object()) return type_error(j, p, "an object {\"text\": …} or a string");
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "text") read_string(v, q, t.text);
      else if (k == "line") read_int(v, q, t.at.line);
      else if (k == "column") read_int(v, q, t.at.column);
      else unknown(q);
    }
    require(j, p, "text");
  }

  void read_date(const Json& j, const Path& p, CalendarDate& d) {
    if (j.is_null()) return;
    if (!expect_object(j, p)) return;
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "year") read_int(v, q, d.year);
      else if (k == "month") read_int(v, q, d.month);
      else if (k == "day") read_int(v, q, d.day);
      else if (k == "month_end") read_bool(v, q, d.month_end);
      else if (k == "every") read_enum(v, q, d.every);
      else unknown(q);
    }
  }

  /// Parses `raw` as a cell; its diagnostics keep their column within the cell and name the path.
  void parse_raw(const std::string& raw, const Path& p, Value& v) {
    parse_value(raw, parse_);
    v = parse_.value;
    for (Diagnostic d : parse_.diagnostics) {
      d.message += " (in `" + p.str() + "`)";
      d.span.file = file_;
      d.span.line = 0;
      out_.diagnostics.push_back(std::move(d));
    }
  }

  /// The whole reading when `kind` is given; otherwise `raw` is parsed.  A bare string is `raw`.
  void read_value(const Json& j, const Path& p, Value& v) {
    if (j.is_null()) return;
    if (j.is_string()) return parse_raw(j.get_ref<const std::string&>(), p, v);
    if (!j.is_object()) return type_error(j, p, "a value object, a string or null");
    for (const auto& [k, f] : object(j)) {
      const Path q = p.member(k);
      if (k == "raw") read_string(f, q, v.raw);
      else if (k == "kind") read_enum(f, q, v.kind);
      else if (k == "op") read_enum(f, q, v.op);
      else if (k == "approximate") read_bool(f, q, v.approximate);
      else if (k == "lower_inclusive") read_bool(f, q, v.lower_inclusive);
      else if (k == "upper_inclusive") read_bool(f, q, v.upper_inclusive);
      else if (k == "number") read_number(f, q, v.number);
      else if (k == "multiplier") read_number(f, q, v.multiplier);
      else if (k == "value") read_number(f, q, v.value);
      else if (k == "upper") read_number(f, q, v.upper);
      else if (k == "unit") read_string(f, q, v.unit);
      else if (k == "text") read_string(f, q, v.text);
      else if (k == "category") read_enum(f, q, v.category);
      else if (k == "date") read_date(f, q, v.date);
      else if (k == "date_end") read_date(f, q, v.date_end);
      else if (k == "basis") read_enum(f, q, v.basis);
      else if (k == "note") read_string(f, q, v.note);
      else unknown(q);
    }
    if (!require(j, p, "raw") || j.contains("kind")) return;
    // Hand-written: only the cell is given.  Reading fields beside it cannot be honoured.
    for (const auto& [k, f] : object(j)) {
      if (k == "raw" || !is_reading_field(k)) continue;
      add("JX232", Severity::warning,
          "field `" + p.member(k).str() + "` is ignored: without `kind` the value is read from `raw`",
          "give `kind` to state the reading, or leave only `raw`");
    }
    parse_raw(v.raw, p, v);  // parse_value reads v.raw before v is assigned
  }

  static bool is_reading_field(std::string_view k) {
    static constexpr std::string_view fields[] = {"op",   "approximate", "lower_inclusive", "upper_inclusive",
                                                  "number", "multiplier", "value", "upper", "unit", "text",
                                                  "category", "date", "date_end", "basis", "note"};
    for (std::string_view f : fields)
      if (f == k) return true;
    return false;
  }

  void read_header_field(const Json& j, const Path& p, HeaderField& f) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "key") read_string(v, q, f.key);
      else if (k == "value") read_text(v, q, f.value);
      else unknown(q);
    }
    require(j, p, "key");
    require(j, p, "value");
  }

  void read_goal(const Json& j, const Path& p, Goal& g) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "number") read_int(v, q, g.number);
      else if (k == "text") read_text(v, q, g.text);
      else if (k == "outcome") read_text(v, q, g.outcome);
      else unknown(q);
    }
    require(j, p, "text");
  }

  void read_function(const Json& j, const Path& p, CoreFunction& f) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, v] : object(j)) {
      const Path q = p.member(k);
      if (k == "number") read_int(v, q, f.number);
      else if (k == "name") read_text(v, q, f.name);
      else unknown(q);
    }
    require(j, p, "name");
  }

  void read_indicator(const Json& j, const Path& p, Indicator& i) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, f] : object(j)) {
      const Path q = p.member(k);
      if (k == "function") read_int(f, q, i.function);
      else if (k == "level1") read_text(f, q, i.level1);
      else if (k == "level1_kind") read_enum(f, q, i.level1_kind);
      else if (k == "level2") read_text(f, q, i.level2);
      else if (k == "level2_kind") read_enum(f, q, i.level2_kind);
      else if (k == "sequence") read_int(f, q, i.sequence);
      else if (k == "name") read_text(f, q, i.name);
      else if (k == "target") read_value(f, q, i.target);
      else if (k == "target_at") read_location(f, q, i.target_at);
      else if (k == "direction") read_enum(f, q, i.direction);
      else if (k == "actual") read_value(f, q, i.actual);
      else if (k == "actual_at") read_location(f, q, i.actual_at);
      else if (k == "weight") read_number(f, q, i.weight);
      else if (k == "weight_at") read_location(f, q, i.weight_at);
      else if (k == "score") read_number(f, q, i.score);
      else if (k == "score_at") read_location(f, q, i.score_at);
      else if (k == "deviation") read_text(f, q, i.deviation);
      else if (k == "merged") read_merged(f, q, i.merged);
      else unknown(q);
    }
    require(j, p, "name");
    // Hand-written: a level given only as text is classified, as a table reader would.
    if (!j.contains("level1_kind")) i.level1_kind = classify_level1(i.level1.text);
    if (!j.contains("level2_kind")) i.level2_kind = classify_level2(i.level2.text);
  }

  void read_merged(const Json& j, const Path& p, MergedCells& m) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, f] : object(j)) {
      const Path q = p.member(k);
      if (k == "actual") read_bool(f, q, m.actual);
      else if (k == "weight") read_bool(f, q, m.weight);
      else if (k == "score") read_bool(f, q, m.score);
      else if (k == "deviation") read_bool(f, q, m.deviation);
      else unknown(q);
    }
  }

  void read_budget_line(const Json& j, const Path& p, BudgetLine& b) {
    if (!expect_object(j, p)) return;
    for (const auto& [k, f] : object(j)) {
      const Path q = p.member(k);
      if (k == "label") read_text(f, q, b.label);
      else if (k == "initial") read_number(f, q, b.initial);
      else if (k == "full_year") read_number(f, q, b.full_year);
      else if (k == "executed") read_number(f, q, b.executed);
      else if (k == "weight") read_number(f, q, b.weight);
      else if (k == "rate") read_number(f, q, b.rate);
      else if (k == "score") read_number(f, q, b.score);
      else if (k == "file") read_string(f, q, b.file);
      else unknown(q);
    }
    require(j, p, "label");
  }

  void read_totals(const Json& j, const Path& p, Totals& t) {
    if (j.is_null()) return;
    if (!expect_object(j, p)) return;
    for (const auto& [k, f] : object(j)) {
      const Path q = p.member(k);
      if (k == "weight") read_number(f, q, t.weight);
      else if (k == "score") read_number(f, q, t.score);
      else if (k == "grade") read_text(f, q, t.grade);
      else if (k == "at") read_location(f, q, t.at);
      else unknown(q);
    }
  }

  TableRead& out_;
  const std::string& file_;
  ValueParse parse_;  // reused: parsing many raw cells allocates little
};

}  // namespace

std::string to_json(const Table& table) {
  std::string s;
  try {
    write_layout(write_table(table), 0, s);
  } catch (const nlohmann::json::type_error& e) {
    throw_not_utf8(e.what());
  }
  s += '\n';
  return s;
}

namespace detail {

void read_table_json(std::string_view utf8, const ReadOptions& options, TableRead& out) {
  out.format = Format::json;
  out.table = Table{};
  Reader reader(out, options.file_name);
  Json doc;
  try {
    doc = Json::parse(utf8.data(), utf8.data() + utf8.size());
  } catch (const nlohmann::json::parse_error& e) {
    reader.parse_error(e, utf8);
    return;
  } catch (const nlohmann::json::exception& e) {
    reader.other_error(e);
    return;
  }
  reader.table(doc, out.table);
}

}  // namespace detail
}  // namespace jixiao
