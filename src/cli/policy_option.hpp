// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_POLICY_OPTION_HPP
#define JIXIAO_CLI_POLICY_OPTION_HPP

/// \file
/// `--policy NAME|policy.json`, shared by `jixiao score` and `jixiao report`.

#include <jixiao/diagnostic.hpp>
#include <jixiao/score.hpp>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace jixiao::cli {

/// The policy named, or read from a JSON file; nothing (after printing why) when neither works.
inline std::optional<ScoringPolicy> load_policy(const std::string& spec, std::string_view command) {
  if (auto p = ScoringPolicy::preset(spec)) return p;
  std::ifstream in(spec, std::ios::binary);
  if (!in) {
    std::cerr << "jixiao " << command << ": --policy " << spec
              << ": neither a preset (mof2020, hubei) nor a readable JSON file\n";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  PolicyParse parse = parse_policy_json(text.str());
  for (Diagnostic d : parse.diagnostics) {
    d.span.file = spec;
    std::cerr << to_string(d) << '\n';
  }
  if (!parse.ok()) return std::nullopt;
  return parse.policy;
}

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_POLICY_OPTION_HPP
