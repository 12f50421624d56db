"""python/jixiao/_core.pyi against the compiled module: the same names, the same members, the
same parameters.  Fails when a binding is added, removed or renamed without the stub."""
import ast
import inspect
import re
from pathlib import Path

import pytest

jixiao = pytest.importorskip("jixiao")
from jixiao import _core  # noqa: E402

STUB = Path(jixiao.__file__).with_name("_core.pyi")


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def split_params(text):
    """Parameter names of a pybind11 signature line, '*' for the keyword-only marker."""
    inner = text[text.index("(") + 1:text.rindex(") ->")]
    params, depth, cur = [], 0, ""
    for ch in inner:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        params.append(cur.strip())
    return [p.split(":")[0].split("=")[0].strip() for p in params]


def runtime_signatures(func, name):
    lines = [l for l in (func.__doc__ or "").splitlines() if l.startswith(name + "(") or re.match(r"\d+\. " + name + r"\(", l)]
    return sorted(split_params(re.sub(r"^\d+\. ", "", l)) for l in lines)


def stub_params(fn):
    a = fn.args
    names = [x.arg for x in a.posonlyargs + a.args]
    if a.kwonlyargs:
        names += ["*"] + [x.arg for x in a.kwonlyargs]
    return names


def stub_members(cls_node):
    functions, properties, fields = {}, set(), set()
    for node in cls_node.body:
        if isinstance(node, ast.FunctionDef):
            decorators = {ast.unparse(d) for d in node.decorator_list}
            if "property" in decorators or any(d.endswith(".setter") for d in decorators):
                properties.add(node.name)
            elif not node.name.startswith("__") or node.name == "__init__":
                functions.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.AnnAssign):
            fields.add(node.target.id)
    return functions, properties, fields


def test_module_names_match():
    tree = stub_tree()
    in_stub = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    in_stub |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)}
    in_module = {k for k in vars(_core) if not k.startswith("__")} | {"__version__"}
    assert in_stub == in_module, f"only in the stub: {in_stub - in_module}; only in the module: {in_module - in_stub}"


def test_functions_have_the_stubs_parameters():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            got = runtime_signatures(getattr(_core, node.name), node.name)
            want = sorted(stub_params(n) for n in stub_tree().body
                          if isinstance(n, ast.FunctionDef) and n.name == node.name)
            assert got == want, node.name


def test_classes_have_the_stubs_members_and_parameters():
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_core, node.name)
        functions, properties, fields = stub_members(node)
        if hasattr(cls, "__members__"):  # an enumeration
            assert fields == set(cls.__members__), node.name
        runtime = {k: v for k, v in vars(cls).items()
                   if (not k.startswith("__") or k == "__init__") and k not in getattr(cls, "__members__", {})}
        runtime_props = {k for k, v in runtime.items() if isinstance(v, property)}
        assert properties == runtime_props, f"{node.name}: properties differ: {properties ^ runtime_props}"
        runtime_funcs = set(runtime) - runtime_props
        if "__init__" in runtime and not runtime_signatures(runtime["__init__"], "__init__"):
            runtime_funcs.discard("__init__")  # pybind11's "no constructor defined"
        assert set(functions) == runtime_funcs, f"{node.name}: methods differ: {set(functions) ^ runtime_funcs}"
        for name, defs in functions.items():
            if hasattr(cls, "__members__") and name == "__init__":
                continue
            attr = runtime[name]
            func = attr.__func__ if isinstance(attr, staticmethod) else attr
            want = sorted(stub_params(d) for d in defs)
            assert runtime_signatures(func, name) == want, f"{node.name}.{name}"
            # Writable properties have a setter in the stub, and only those.
        for name in runtime_props:
            setter_in_stub = any(isinstance(n, ast.FunctionDef) and n.name == name and
                                 any(ast.unparse(d).endswith(".setter") for d in n.decorator_list) for n in node.body)
            assert setter_in_stub == (runtime[name].fset is not None), f"{node.name}.{name}: setter"


def test_the_stub_is_valid_python_and_the_package_is_typed():
    compile(STUB.read_text(encoding="utf-8"), str(STUB), "exec")
    assert STUB.with_name("py.typed").exists()


def test_a_changed_stub_is_caught(tmp_path, monkeypatch):
    """The comparison can fail: a stub missing a function and one with a renamed parameter."""
    text = STUB.read_text(encoding="utf-8")
    broken = tmp_path / "_core.pyi"
    broken.write_text(text.replace("def parse_value(text: str)", "def parse_value(cell: str)"), encoding="utf-8")
    monkeypatch.setitem(globals(), "STUB", broken)
    with pytest.raises(AssertionError):
        test_functions_have_the_stubs_parameters()
    broken.write_text(text.replace("def check_value(text: str) -> ValueParse: ...\n", ""), encoding="utf-8")
    with pytest.raises(AssertionError):
        test_module_names_match()
