"""What every `jixiao` command shares: --help and --version, and their exit status when standard
output cannot be written (like any other output that did not reach its file: 2)."""
import subprocess
from pathlib import Path

import pytest

COMMANDS = ["value", "read", "score", "lint", "report"]
HELP = [["--help"], ["--version"]] + [[c, "--help"] for c in COMMANDS]


@pytest.mark.parametrize("args", HELP, ids=" ".join)
def test_help_and_version_exit_0(jixiao_cli, args):
    r = subprocess.run([jixiao_cli, *args], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0 and r.stdout and r.stderr == ""


@pytest.mark.parametrize("args", HELP, ids=" ".join)
def test_help_and_version_that_cannot_be_written_exit_2(jixiao_cli, args):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        r = subprocess.run([jixiao_cli, *args], stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert r.returncode == 2 and "cannot write the output" in r.stderr
    if args[0] in COMMANDS:
        assert r.stderr.startswith(f"jixiao {args[0]}: cannot write the output")


def test_a_usage_error_is_2_and_leaves_standard_output_empty(jixiao_cli):
    r = subprocess.run([jixiao_cli, "score", "--format", "yaml", "t.tsv"], capture_output=True, text=True,
                       encoding="utf-8")
    assert r.returncode == 2 and r.stdout == "" and "--format" in r.stderr
