// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_COMMANDS_HPP
#define JIXIAO_CLI_COMMANDS_HPP

/// \file
/// The CLI's subcommands.  Each registers itself on the app and runs when chosen; the run
/// function returns the process exit status.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace jixiao::cli {

/// Exit status: 0 success, 1 some input could not be read, 2 usage or I/O error.
using Runner = std::function<int()>;

/// `jixiao value [--json] [--] [EXPR...]`; `literal` are the values after `--`, which main sets
/// aside before CLI11 parses the rest.
Runner add_value_command(CLI::App& app, std::vector<std::string> literal);

/// `jixiao read FILE [--format json|csv|tsv]`.
Runner add_read_command(CLI::App& app);

/// `jixiao score FILE [--actuals CSV] [--policy NAME|policy.json] [--format text|json|csv]`.
Runner add_score_command(CLI::App& app);

/// `jixiao lint FILE... [--format text|json|sarif] [--disable CODE] [--fail-on warning]`.
Runner add_lint_command(CLI::App& app);

/// `jixiao report FILE [--actuals CSV] [--policy NAME] -o OUT.{html,md,json,xlsx,pdf} [--lang zh|en]`.
Runner add_report_command(CLI::App& app);

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_COMMANDS_HPP
