#!/usr/bin/env bash
# Installs what jixiao needs from Debian's packages, builds it into build/, and shows it at
# work on the sample table.  Safe to run again: it installs only what is missing and rebuilds
# incrementally.
#
#   ./scripts/setup.sh                 # Debian 12 (bookworm): Catch2 2.13, Boost 1.74 …
#   PYTHON=/path/to/python3 ./scripts/setup.sh
#   BUILD_TYPE=Debug BUILD_DIR=build-debug ./scripts/setup.sh
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-Release}
# Debian's interpreter, not a pyenv or virtualenv one that may come first on PATH and lack the
# Debian-packaged modules (pytest now; numpy and pandas for the bindings).
PYTHON=${PYTHON:-/usr/bin/python3}

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev            # Spirit X3 (header-only)
  catch2                  # C++ tests (v2, header-only)
  libcli11-dev            # command-line parsing
  nlohmann-json3-dev      # JSON output
  libfmt-dev              # formatting in the CLI
  libbenchmark-dev        # Google Benchmark
  libeigen3-dev           # batch scoring (aggregate.hpp)
  python3 python3-dev python3-pytest  # the Python package and its tests
  pybind11-dev            # the Python bindings
  python3-numpy python3-pandas        # arrays and DataFrames in and out of the bindings
  python3-matplotlib      # Scorecard.plot() and the notebook's charts
  python3-openpyxl python3-xlrd       # .xlsx / .xls through pandas
  python3-xlwt            # writes the .xls workbook the tests read back
  python3-distributed     # examples/dask_batch.py (Dask LocalCluster)
  python3-nbclient python3-nbformat python3-ipykernel  # runs the quickstart notebook in the tests
  python3-jsonschema      # validates the JSON and SARIF outputs in the tests
  libxlsxwriter-dev       # Excel reports in the official 自评表 layout (jixiao report -o OUT.xlsx)
  chromium                # PDF reports (headless print of the HTML) and the HTML rendering tests
  fonts-noto-cjk          # Chinese glyphs for Chromium's screenshots and PDFs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> Installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "==> Configuring ($BUILD_TYPE) in $BUILD_DIR with $PYTHON"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DJIXIAO_PYTHON="$PYTHON"

echo "==> Building"
cmake --build "$BUILD_DIR" -j"$(nproc)"

# The main job, on the sample table shipped in examples/data: the table read into its indicator
# tree, one row per indicator, with every problem reported at its line and column.
sample=examples/data/civil-affairs-2024-targets.tsv
echo
echo "==> jixiao read $sample --format tsv"
status=0
"$BUILD_DIR/jixiao" read "$sample" --format tsv || status=$?
if [ "$status" -eq 1 ]; then
  echo "(exit status 1: the table has cells that admit no single reading; see the errors above)"
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
# The report a newcomer opens: the sample's targets with its findings, and the same table scored
# against the sample actuals.
echo
echo "==> jixiao report $sample -o report.html"
# Exit status 1 says the inputs have errors (the sample has two unreadable targets); the report
# is written all the same.  Anything else is a real failure.
for args in "-o report.html" "--actuals examples/data/civil-affairs-2024-actuals.csv -o report-scored.html"; do
  status=0
  # shellcheck disable=SC2086  # word splitting of $args is intended
  "$BUILD_DIR/jixiao" report "$sample" $args || status=$?
  if [ "$status" -gt 1 ]; then exit "$status"; fi
done
echo "Open report.html (targets and review findings) and report-scored.html (scored with the sample actuals)."
echo
echo "Built into $BUILD_DIR/. Run all tests with: ctest --test-dir $BUILD_DIR --output-on-failure"
