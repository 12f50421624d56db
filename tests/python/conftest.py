"""Shared fixtures: where the built jixiao CLI is (ctest passes it in JIXIAO_CLI)."""
import os
import shutil

import pytest


@pytest.fixture(scope="session")
def jixiao_cli():
    path = os.environ.get("JIXIAO_CLI") or shutil.which("jixiao")
    if not path:
        pytest.fail("set JIXIAO_CLI to the built jixiao executable (ctest does)")
    return path
