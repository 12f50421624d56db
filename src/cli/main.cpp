// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The jixiao command-line tool.
#include "commands.hpp"

#include <jixiao/version.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// Whether standard output failed, after saying so on standard error as `who`.  Output that did
/// not reach its file (a full disk, a closed pipe) is a failure, not a result: the stream's state
/// is checked after the last flush, which is where it shows.
bool output_failed(const std::string& who) {
  std::cout.flush();
  if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return false;
  const int e = errno;
  fmt::print(stderr, "{}: cannot write the output: {}\n", who, e ? std::strerror(e) : "write error");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"jixiao: read, check and score budget performance target tables (预算绩效目标表)", "jixiao"};
  app.set_version_flag("--version", std::string("jixiao ") + jixiao::version_string);
  app.require_subcommand(1);

  // `jixiao value … -- VALUE…`: what follows -- are values even when they look like options
  // (`--json`, `-5`); CLI11 would look for positionals of its own there, so they are set aside.
  std::vector<std::string> literal;
  int parsed = argc;
  if (argc > 1 && std::string_view(argv[1]) == "value") {
    for (int i = 2; i < argc; ++i) {
      if (std::string_view(argv[i]) == "--") {
        literal.assign(argv + i + 1, argv + argc);
        parsed = i;
        break;
      }
    }
  }

  std::vector<std::pair<CLI::App*, jixiao::cli::Runner>> commands;
  auto value_runner = jixiao::cli::add_value_command(app, std::move(literal));
  commands.emplace_back(app.get_subcommand("value"), std::move(value_runner));
  auto read_runner = jixiao::cli::add_read_command(app);
  commands.emplace_back(app.get_subcommand("read"), std::move(read_runner));
  auto score_runner = jixiao::cli::add_score_command(app);
  commands.emplace_back(app.get_subcommand("score"), std::move(score_runner));
  auto lint_runner = jixiao::cli::add_lint_command(app);
  commands.emplace_back(app.get_subcommand("lint"), std::move(lint_runner));
  auto report_runner = jixiao::cli::add_report_command(app);
  commands.emplace_back(app.get_subcommand("report"), std::move(report_runner));

  // Every way out that may have written to standard output checks it: --help and --version
  // (which CLI11 prints on its way out of parse) as much as the commands.
  const auto who = [&] {
    for (const auto& [sub, run] : commands)
      if (sub->parsed()) return "jixiao " + sub->get_name();
    return std::string("jixiao");
  };
  try {
    app.parse(parsed, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    if (output_failed(who())) return 2;
    return code == 0 ? 0 : 2;
  }
  for (auto& [sub, run] : commands) {
    if (!sub->parsed()) continue;
    const int status = run();
    if (output_failed(who())) return 2;
    return status;
  }
  return 2;
}
