"""Module-level and platform guards whose code does not run on every import or every platform.

`if __name__ == "__main__":` runs only when the file is executed as a script, never while it
is imported; a branch under `sys.platform == "win32"` / `os.name == "nt"` runs only on
Windows, where Windows-only builtins such as `WindowsError` exist.
"""
from __future__ import annotations

import ast

from ..knowledge.versions import VERSION_FLAGS
from .values import dotted_str

# Builtins that exist only on Windows (an alias of OSError there, a NameError elsewhere).
WINDOWS_BUILTINS = frozenset({"WindowsError"})
# Builtins that exist only on Python 2: read in a branch only Python 2 runs, they never raise.
PYTHON2_BUILTINS = frozenset({"unicode", "basestring", "long", "xrange", "unichr", "raw_input", "buffer", "file",
                              "execfile", "reduce", "cmp", "apply", "intern", "reload", "coerce", "StandardError"})
_VERSIONS_2, _VERSIONS_3 = ((2, 7, 18),), ((3, 0, 0), (3, 99, 0))
_PLATFORM_VALUES = ("sys.platform", "os.name")
_WINDOWS_VALUES = frozenset({"win32", "nt", "cygwin", "windows", "win"})


def is_main_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either side)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = {dotted_str(test.left), dotted_str(test.comparators[0])}
    literals = {s.value for s in (test.left, test.comparators[0]) if isinstance(s, ast.Constant)}
    return "__name__" in sides and "__main__" in literals


def windows_uses(node: ast.If) -> set[int]:
    """Ids of the Windows-only builtin names read in the branch of `node` that runs only on
    Windows (none when the test is not a platform test)."""
    branch = _windows_branch(node.test)
    if branch is None:
        return set()
    body = node.body if branch else node.orelse
    return {id(n) for stmt in body for n in ast.walk(stmt)
            if isinstance(n, ast.Name) and n.id in WINDOWS_BUILTINS}


def _windows_branch(test: ast.expr) -> bool | None:
    """True: the body runs only on Windows; False: the `else` does; None: not a platform test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _windows_branch(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith":
        return True if _platform(test.func.value) and _windows_literal(test.args[:1]) else None
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _platform(test.left):
        return _compared(test.ops[0]) if _windows_literal(test.comparators) else None
    return None


def _compared(op: ast.cmpop) -> bool | None:
    """`== "win32"` / `in (...)`: True; `!= "win32"` / `not in (...)`: False."""
    if isinstance(op, (ast.Eq, ast.Is, ast.In)):
        return True
    return False if isinstance(op, (ast.NotEq, ast.IsNot, ast.NotIn)) else None


def _platform(node: ast.expr) -> bool:
    """`sys.platform`, `os.name` or `platform.system()`."""
    if isinstance(node, ast.Call):
        return dotted_str(node.func) == "platform.system" and not node.args
    return dotted_str(node) in _PLATFORM_VALUES


def _windows_literal(nodes: list[ast.expr]) -> bool:
    values = [n for node in nodes for n in (node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node])]
    return any(isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.lower() in _WINDOWS_VALUES
               for v in values)


def python2_uses(test: ast.expr, body: list[ast.AST], orelse: list[ast.AST], flags: dict[str, tuple]) -> set[int]:
    """Ids of the Python-2-only builtin names read in the branch of an `if` (or conditional
    expression) that runs only on Python 2 (none when the test is not a major-version test).
    `flags`: module names bound to a version test (`PY2 = sys.version_info[0] == 2`)."""
    outcome = version_outcome(test, flags)
    if outcome is None or outcome[0] == outcome[1]:
        return set()
    return {id(n) for part in (body if outcome[0] else orelse) for n in ast.walk(part)
            if isinstance(n, ast.Name) and n.id in PYTHON2_BUILTINS}


def version_outcome(test: ast.expr, flags: dict[str, tuple]) -> tuple[bool, bool] | None:
    """What a test of the major Python version gives on Python 2 and on every Python 3, or None
    when it is no such test (or depends on the minor version): `sys.version_info[0] == 2`,
    `sys.version_info < (3,)`, `sys.version_info.major >= 3`, `six.PY2`, `not PY3`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = version_outcome(test.operand, flags)
        return None if inner is None else (not inner[0], not inner[1])
    name = dotted_str(test)
    if name in VERSION_FLAGS or name in flags:
        return VERSION_FLAGS.get(name) or flags[name]
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    read = _version_reader(test.left)
    try:
        bound = ast.literal_eval(test.comparators[0])
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if read is None or not isinstance(bound, (int, tuple)):
        return None
    compare = _COMPARE.get(type(test.ops[0]))
    if compare is None:
        return None
    try:
        on2 = {compare(read(v), bound) for v in _VERSIONS_2}
        on3 = {compare(read(v), bound) for v in _VERSIONS_3}
    except TypeError:
        return None
    return (on2.pop(), on3.pop()) if len(on2) == len(on3) == 1 else None


_COMPARE = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
            ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}


def _version_reader(node: ast.expr):
    """How the expression reads `sys.version_info` (the whole tuple, `[0]`, `.major`, `[:n]`)."""
    if dotted_str(node) == "sys.version_info":
        return lambda v: v
    if dotted_str(node) == "sys.version_info.major":
        return lambda v: v[0]
    if isinstance(node, ast.Subscript) and dotted_str(node.value) == "sys.version_info":
        index = node.slice
        if isinstance(index, ast.Constant) and index.value == 0:
            return lambda v: v[0]
        if isinstance(index, ast.Slice) and index.lower is None and index.step is None \
                and isinstance(index.upper, ast.Constant) and isinstance(index.upper.value, int):
            upper = index.upper.value
            return lambda v: v[:upper]
    return None
