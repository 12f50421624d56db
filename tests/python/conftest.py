"""Shared fixtures: where the built jixiao CLI is (ctest passes it in JIXIAO_CLI), where the
repository's data is, and the jixiao package (ctest puts the installed or build-tree package on
PYTHONPATH; tests of the package are skipped only when run by hand without it)."""
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def jixiao_cli():
    path = os.environ.get("JIXIAO_CLI") or shutil.which("jixiao")
    if not path:
        pytest.fail("set JIXIAO_CLI to the built jixiao executable (ctest does)")
    return path


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    """The docstrings' examples use paths relative to the repository."""
    monkeypatch.chdir(ROOT)
