"""Module-level and platform guards whose code does not run on every import or every platform.

`if __name__ == "__main__":` runs only when the file is executed as a script, never while it
is imported; a branch under `sys.platform == "win32"` / `os.name == "nt"` runs only on
Windows, where Windows-only builtins such as `WindowsError` exist.
"""
from __future__ import annotations

import ast

from .values import dotted_str

# Builtins that exist only on Windows (an alias of OSError there, a NameError elsewhere).
WINDOWS_BUILTINS = frozenset({"WindowsError"})
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
