// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// `jixiao report`: the documents people hand in and read, from a table (and its actuals):
// HTML, Markdown, JSON and XLSX from the library (report.hpp), PDF by printing the HTML in a
// headless Chromium.  docs/reports.md describes the formats.
#include "commands.hpp"
#include "policy_option.hpp"

#include <jixiao/actuals.hpp>
#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>
#include <jixiao/report.hpp>
#include <jixiao/scorecard.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

struct ReportCommandOptions {
  std::string file;
  std::string actuals;
  std::string policy = "mof2020";
  std::string out;
  std::string format;  // empty: from the extension of `out`
  std::string lang = "zh";
};

/// `html`, `md`, `json`, `xlsx`, `pdf` from the extension (`.markdown`, `.htm` too), else empty.
std::string format_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".md" || ext == ".markdown") return "md";
  if (ext == ".json") return "json";
  if (ext == ".xlsx") return "xlsx";
  if (ext == ".pdf") return "pdf";
  return {};
}

/// The first of chromium, chromium-browser, google-chrome on PATH ($JIXIAO_CHROMIUM first).
std::string find_browser() {
  if (const char* env = std::getenv("JIXIAO_CHROMIUM"); env && *env) return env;
  const char* path = std::getenv("PATH");
  if (!path) return {};
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::string dirs = path;
    std::size_t at = 0;
    while (at <= dirs.size()) {
      const std::size_t end = std::min(dirs.find(':', at), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(at, end - at)) / name;
      if (!dirs.substr(at, end - at).empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      at = end + 1;
    }
  }
  return {};
}

/// Runs a program without a shell, its output discarded; the exit status, or -1.
int run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Prints `html` to `out` as PDF with headless Chromium; an error message, empty on success.
std::string print_pdf(const std::string& html, const std::string& out) {
  const std::string browser = find_browser();
  if (browser.empty())
    return "PDF needs Chromium: none of chromium, chromium-browser, google-chrome is on PATH "
           "(install Debian's chromium, set JIXIAO_CHROMIUM, or write .html and print it)";
  std::error_code ec;
  // mkdtemp under the system's temporary directory ($TMPDIR), private to this run.
  std::string pattern = (fs::temp_directory_path(ec) / "jixiao-report-XXXXXX").string();
  if (ec) pattern = "/tmp/jixiao-report-XXXXXX";
  const char* dir = ::mkdtemp(pattern.data());
  if (!dir) return "cannot create a temporary directory";
  const fs::path tmp = dir;
  const fs::path page = tmp / "report.html";
  {
    std::ofstream f(page, std::ios::binary);
    f << html;
    f.flush();
    if (!f) {
      fs::remove_all(tmp, ec);
      return "cannot write " + page.string();
    }
  }
  // Printed inside the private directory, then copied to `out` through a checked stream: the
  // output may be a device, a directory or on a full disk, which the browser would not report
  // (and must never be removed first).
  const fs::path printed = tmp / "report.pdf";
  const int status = run({browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--user-data-dir=" + (tmp / "profile").string(), "--no-pdf-header-footer",
                          "--print-to-pdf=" + printed.string(), "file://" + page.string()});
  if (status != 0 || !fs::exists(printed, ec) || fs::file_size(printed, ec) == 0) {
    fs::remove_all(tmp, ec);
    return browser + " failed to print the report (exit status " + std::to_string(status) + ")";
  }
  bool written = false;
  {
    std::ifstream in(printed, std::ios::binary);
    std::ofstream f(out, std::ios::binary);
    if (in && f) {
      f << in.rdbuf();
      f.flush();
      written = static_cast<bool>(f);
    }
  }
  fs::remove_all(tmp, ec);
  if (!written) return "cannot write " + out;
  return {};
}

bool write_file(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.flush();  // a full disk shows here, not at the (unchecked) close
  return static_cast<bool>(f);
}

}  // namespace

Runner add_report_command(CLI::App& app) {
  auto opts = std::make_shared<ReportCommandOptions>();
  auto* sub = app.add_subcommand("report", "Write a report of a table: HTML, Markdown, JSON, Excel (official layout) or PDF");
  sub->add_option("FILE", opts->file, "A target table (with --actuals) or a self-evaluation table")->required();
  sub->add_option("--actuals", opts->actuals, "An actuals file (CSV or TSV; docs/formats.md) merged into FILE");
  sub->add_option("--policy", opts->policy, "A preset (mof2020, hubei) or a policy JSON file (docs/scoring.md)");
  sub->add_option("-o,--output", opts->out, "The report: OUT.html, OUT.md, OUT.json, OUT.xlsx or OUT.pdf; - for standard output (with --format)")
      ->required();
  sub->add_option("--format", opts->format, "html, md, json, xlsx or pdf (default: from the extension of -o)")
      ->check(CLI::IsMember({"html", "md", "json", "xlsx", "pdf"}));
  sub->add_option("--lang", opts->lang, "Labels in zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  sub->footer(
      "Exit status: 0 when the report was written and lists no error, 1 when it lists errors (of the table, the\n"
      "actuals file or the scoring; the report is still written), 2 for a usage or I/O error (bad policy, unknown\n"
      "extension, an input that cannot be opened, no Chromium for PDF, an unwritable output).");
  return [opts]() {
    const std::string format = opts->format.empty() ? format_of(opts->out) : opts->format;
    if (format.empty()) {
      std::cerr << "jixiao report: cannot tell the format of " << opts->out
                << " (use .html, .md, .json, .xlsx or .pdf, or --format)\n";
      return 2;
    }
    if (opts->out == "-" && (format == "xlsx" || format == "pdf")) {
      std::cerr << "jixiao report: " << format << " needs a file name, not -\n";
      return 2;
    }
    const std::optional<ScoringPolicy> policy = load_policy(opts->policy, "report");
    if (!policy) return 2;

    TableRead read = read_table(opts->file);
    // A file that cannot be opened is an I/O error: no report of an empty table is written.
    if (const Diagnostic* d = find_code(read.diagnostics, "JX200")) {
      std::cerr << to_string(*d) << '\n';
      return 2;
    }
    bool ok = read.ok();
    if (!opts->actuals.empty()) {
      ActualsRead merged = apply_actuals(read.table, opts->actuals);
      if (const Diagnostic* d = find_code(merged.diagnostics, "JX200")) {
        std::cerr << to_string(*d) << '\n';
        return 2;
      }
      ok = ok && merged.ok();
      read.table = std::move(merged.table);
      read.diagnostics.insert(read.diagnostics.end(), merged.diagnostics.begin(), merged.diagnostics.end());
    }
    ReportInput input = report_input(read, *policy, opts->file);

    ReportOptions options;
    options.lang = opts->lang == "en" ? ReportLanguage::en : ReportLanguage::zh;
    std::string problem;
    if (format == "xlsx") {
      for (const Diagnostic& d : write_report_xlsx(input, opts->out, options)) problem += to_string(d);
    } else if (format == "pdf") {
      problem = print_pdf(report_html(input, options), opts->out);
    } else {
      const std::string text = format == "html" ? report_html(input, options)
                               : format == "md" ? report_markdown(input, options)
                                                : report_json(input, options);
      if (!write_file(opts->out, text)) problem = "cannot write " + opts->out;
    }
    if (!problem.empty()) {
      std::cerr << "jixiao report: " << problem << '\n';
      return 2;
    }
    std::size_t counts[3] = {0, 0, 0};
    for (const Diagnostic& d : input.findings) ++counts[static_cast<int>(d.severity)];
    if (opts->out != "-")
      std::cerr << "jixiao report: wrote " << opts->out << " (" << input.table.indicators.size() << " indicators; "
                << counts[2] << " errors, " << counts[1] << " warnings, " << counts[0] << " notes)\n";
    return ok && counts[2] == 0 ? 0 : 1;  // the errors the report lists, the scorecard's included
  };
}

}  // namespace jixiao::cli
