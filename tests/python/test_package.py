"""The package itself: version from CMake, __all__, docstrings with examples, where it is loaded from."""
import os
import re
from pathlib import Path

import pytest

jixiao = pytest.importorskip("jixiao")


def test_version_is_the_cmake_project_version(root):
    cmake = (root / "CMakeLists.txt").read_text(encoding="utf-8")
    version = re.search(r"project\(jixiao\s+VERSION\s+([0-9.]+)", cmake).group(1)
    assert jixiao.__version__ == version == jixiao._core.__version__


def test_all_names_exist_and_public_callables_have_examples():
    for name in jixiao.__all__:
        assert hasattr(jixiao, name), name
    for name in ["parse_value", "parse_values", "check_value", "read_table", "score", "score_indicator",
                 "diagnostics_frame", "Table", "Scorecard", "Value", "ScoringPolicy", "Diagnostic"]:
        assert ">>>" in (getattr(jixiao, name).__doc__ or ""), name
    assert ">>>" in jixiao.Table.to_pandas.__doc__


def test_loaded_from_the_expected_place():
    """ctest sets JIXIAO_PYTHON_PREFIX when it runs the tests on the installed package."""
    expected = os.environ.get("JIXIAO_PYTHON_PREFIX")
    if not expected:
        pytest.skip("not run by ctest on an installed package")
    here = Path(jixiao.__file__).resolve()
    assert Path(expected).resolve() in here.parents
    assert here.with_name("py.typed").exists() and here.with_name("_core.pyi").exists()
