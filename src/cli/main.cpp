// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The jixiao command-line tool.
#include "commands.hpp"

#include <jixiao/version.hpp>

#include <fmt/core.h>

#include <iostream>
#include <vector>

int main(int argc, char** argv) {
  CLI::App app{"jixiao: read, check and score budget performance target tables (预算绩效目标表)", "jixiao"};
  app.set_version_flag("--version", std::string("jixiao ") + jixiao::version_string);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App*, jixiao::cli::Runner>> commands;
  auto value_runner = jixiao::cli::add_value_command(app);
  commands.emplace_back(app.get_subcommand("value"), std::move(value_runner));
  auto read_runner = jixiao::cli::add_read_command(app);
  commands.emplace_back(app.get_subcommand("read"), std::move(read_runner));
  auto score_runner = jixiao::cli::add_score_command(app);
  commands.emplace_back(app.get_subcommand("score"), std::move(score_runner));
  auto lint_runner = jixiao::cli::add_lint_command(app);
  commands.emplace_back(app.get_subcommand("lint"), std::move(lint_runner));
  auto report_runner = jixiao::cli::add_report_command(app);
  commands.emplace_back(app.get_subcommand("report"), std::move(report_runner));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (auto& [sub, run] : commands)
    if (sub->parsed()) return run();
  return 2;
}
