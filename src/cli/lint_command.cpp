// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// `jixiao lint`: check tables against the official guidance and report every finding like a
// compiler (text), as JSON (docs/lint.schema.json) or as SARIF 2.1.0 for code-review tools.
// The findings are the command's output, so they go to standard output.
#include "commands.hpp"

#include <jixiao/detail/diagnostic_json.hpp>

#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>
#include <jixiao/version.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace jixiao::cli {

using detail::diagnostics_json;
namespace {

using Json = nlohmann::ordered_json;

struct LintCommandOptions {
  std::vector<std::string> files;
  std::string format = "text";
  std::string profile = "default";
  std::string policy = "mof2020";
  std::vector<std::string> disable;
  std::vector<std::string> severity;  // CODE=level
  std::string fail_on = "error";
};

struct FileReport {
  std::string file;
  LintReport report;
};

/// `JX` and three digits.
bool is_code(std::string_view s) {
  return s.size() == 5 && s.substr(0, 2) == "JX" &&
         std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  return std::nullopt;
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "none";
}

/// A relative path as a URI reference: bytes other than unreserved characters and `/` are
/// percent-encoded (Chinese file names, spaces), as SARIF's artifactLocation.uri requires.
std::string uri_reference(std::string_view path) {
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

void print_text(const std::vector<FileReport>& reports) {
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const FileReport& r : reports) {
    for (const Diagnostic& d : r.report.diagnostics) std::cout << to_string(d) << '\n';
    errors += r.report.count(Severity::error);
    warnings += r.report.count(Severity::warning);
    infos += r.report.count(Severity::info);
  }
  const auto plural = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::cout << plural(reports.size(), "file") << ": " << plural(errors, "error") << ", " << plural(warnings, "warning")
            << ", " << plural(infos, "info") << '\n';
}

void print_json(const std::vector<FileReport>& reports, const LintCommandOptions& opts) {
  Json j;
  j["tool"] = "jixiao";
  j["version"] = version_string;
  j["profile"] = opts.profile;
  Json files = Json::array();
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const FileReport& r : reports) {
    Json f;
    f["file"] = r.file;
    f["tree"] = to_string(r.report.tree);
    Json diags = diagnostics_json(r.report.diagnostics);
    // Lint's findings carry their rule: family and the title in both languages.
    for (Json& d : diags) {
      const LintRule* rule = find_lint_rule(d["code"].get<std::string>());
      d["source"] = rule ? "lint" : "read";
      if (rule) {
        d["family"] = to_string(rule->family);
        d["title_zh"] = rule->title_zh;
        d["title_en"] = rule->title_en;
      }
    }
    f["diagnostics"] = std::move(diags);
    files.push_back(std::move(f));
    errors += r.report.count(Severity::error);
    warnings += r.report.count(Severity::warning);
    infos += r.report.count(Severity::info);
  }
  j["files"] = std::move(files);
  j["summary"] = {{"files", reports.size()}, {"errors", errors}, {"warnings", warnings}, {"infos", infos}};
  std::cout << j.dump(2) << '\n';
}

void print_sarif(const std::vector<FileReport>& reports) {
  Json rules = Json::array();
  for (const LintRule& r : lint_rules()) {
    Json rule;
    rule["id"] = r.code;
    rule["name"] = std::string(to_string(r.family)) + "/" + std::string(r.code);
    rule["shortDescription"] = {{"text", r.title_en}};
    rule["fullDescription"] = {{"text", std::string(r.title_en) + " (" + std::string(r.title_zh) + ")"}};
    rule["help"] = {{"text", r.hint}};
    rule["helpUri"] = "https://example.invalid/jixiao/docs/rules.md#" + fmt::format("{}", r.code);
    rule["defaultConfiguration"] = {{"level", sarif_level(r.severity)}};
    rule["properties"] = {{"family", to_string(r.family)}, {"title_zh", r.title_zh}};
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const FileReport& r : reports) {
    for (const Diagnostic& d : r.report.diagnostics) {
      Json res;
      res["ruleId"] = d.code;
      if (const LintRule* rule = find_lint_rule(d.code))
        res["ruleIndex"] = static_cast<std::size_t>(rule - lint_rules().data());
      res["level"] = sarif_level(d.severity);
      res["message"] = {{"text", d.hint.empty() ? d.message : d.message + " [hint: " + d.hint + "]"}};
      Json physical;
      physical["artifactLocation"] = {{"uri", uri_reference(r.file)}};
      if (d.span.line != 0) {
        Json region;
        region["startLine"] = d.span.line;
        if (d.span.column != 0) {
          region["startColumn"] = d.span.column;
          if (d.span.length != 0) region["endColumn"] = d.span.column + d.span.length;
        }
        physical["region"] = std::move(region);
      }
      res["locations"] = Json::array({Json{{"physicalLocation", std::move(physical)}}});
      if (!d.hint.empty()) res["properties"] = {{"hint", d.hint}};
      results.push_back(std::move(res));
    }
  }
  Json driver;
  driver["name"] = "jixiao";
  driver["version"] = version_string;
  driver["informationUri"] = "https://example.invalid/jixiao";
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";  // jixiao's columns count code points
  run["results"] = std::move(results);
  Json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = Json::array({std::move(run)});
  std::cout << sarif.dump(2) << '\n';
}

}  // namespace

Runner add_lint_command(CLI::App& app) {
  auto opts = std::make_shared<LintCommandOptions>();
  auto* sub = app.add_subcommand("lint", "Check target and self-evaluation tables against the guidance (绩效目标审核)");
  sub->add_option("FILE", opts->files, "Tables: tab-separated text, CSV or jixiao JSON")->required();
  sub->add_option("--format", opts->format, "Output: text (like a compiler), json (docs/lint.schema.json) or sarif (2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  sub->add_option("--profile", opts->profile,
                  "default (tree detected), tree_a, tree_b, or strict (infos become warnings)")
      ->check(CLI::IsMember({"default", "tree_a", "tree_b", "strict"}));
  sub->add_option("--policy", opts->policy, "Scoring preset for the self-evaluation rules (mof2020, hubei)")
      ->check(CLI::IsMember({"mof2020", "hubei"}));
  sub->add_option("--disable", opts->disable, "A code not to report (repeat, or separate with commas): JX316")
      ->delimiter(',');
  sub->add_option("--severity", opts->severity, "Re-grade a code: JX330=error (repeat, or separate with commas)")
      ->delimiter(',');
  sub->add_option("--fail-on", opts->fail_on, "Exit 1 when a finding is at this severity or above (none: never)")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}));
  sub->footer(
      "Rules and codes: docs/rules.md.  Exit status: 0 no finding at or above --fail-on (default error),\n"
      "1 otherwise, 2 for a usage error or a file that cannot be read.");
  return [opts]() {
    LintOptions base = *LintOptions::profile(opts->profile);
    base.policy = *ScoringPolicy::preset(opts->policy);
    for (const std::string& c : opts->disable) {
      if (!is_code(c)) {
        std::cerr << "jixiao lint: --disable " << c << ": not a code such as JX316\n";
        return 2;
      }
      base.disabled.insert(c);
    }
    for (const std::string& s : opts->severity) {
      const auto eq = s.find('=');
      const std::optional<Severity> level = eq == std::string::npos ? std::nullopt : parse_severity(s.substr(eq + 1));
      if (!level || !is_code(s.substr(0, eq))) {
        std::cerr << "jixiao lint: --severity " << s << ": expected CODE=error|warning|info, e.g. JX330=error\n";
        return 2;
      }
      base.severity[s.substr(0, eq)] = *level;
    }
    std::vector<FileReport> reports;
    bool unreadable = false;
    for (const std::string& file : opts->files) {
      LintOptions o = base;
      o.file_name = file;
      const TableRead read = read_table(file);
      unreadable = unreadable || find_code(read.diagnostics, "JX200") != nullptr;
      reports.push_back({file, lint(read, o)});
    }
    if (opts->format == "json") print_json(reports, *opts);
    else if (opts->format == "sarif") print_sarif(reports);
    else print_text(reports);
    std::cout.flush();
    if (unreadable) return 2;
    if (opts->fail_on == "none") return 0;
    const Severity threshold = *parse_severity(opts->fail_on);
    for (const FileReport& r : reports)
      if (r.report.any_at_least(threshold)) return 1;
    return 0;
  };
}

}  // namespace jixiao::cli
