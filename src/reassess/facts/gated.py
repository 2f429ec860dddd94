"""Loop bodies whose work is gated by a literal: `if kind in KINDS:` or `elif kind == "vars":`.

`extra["loops"][line]["gated"]` lists `[line, end_line, size]` (the test's line to the end of
its body) for each `if` (or `elif`) of a `for` loop's body whose test compares the loop's
target with a literal: membership in a
collection of constants written out (inline or bound to a local or module name once), or
equality with a constant. `size` is how many values can pass the test. `extra["loops"][line]
["distinct"]` is set when the loop iterates distinct values (a set, a dict's keys, a list made
of a set). Together they bound the work of the gated block: at most `size` runs per loop, one
per distinct value that passes, however long the iterable is.
"""
from __future__ import annotations

import ast
from functools import partial

from .visitor import own_statements

_own = partial(own_statements, handlers=True)  # a gate or binding in an `except` body counts too
_SAME_ITEMS = frozenset({"list", "tuple", "sorted", "reversed"})  # keep the items of what they wrap
_SETS = frozenset({"set", "frozenset", "dict.fromkeys"})


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, loops: dict, module_literals: dict[str, int]) -> None:
    """Fill `gated` and `distinct` on the function's own `for` loops already in `loops`."""
    bound = _single_bindings(node)
    literals = {**module_literals, **{name: size for name, value in bound.items()
                                      if (size := literal_size(value)) is not None}}
    for loop in _own(node.body):
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or loop.lineno not in loops \
                or not isinstance(loop.target, ast.Name):
            continue
        info = loops[loop.lineno]
        if _distinct(loop.iter, bound):
            info["distinct"] = True
        gated = [[test.lineno, test.body[-1].end_lineno or test.lineno, size] for test, size in
                 _gates(loop.body, loop.target.id, literals)]  # the body only: an `elif` has its own test
        if gated:
            info["gated"] = gated


def literal_size(value: ast.expr | None) -> int | None:
    """How many constants a written-out set, list or tuple holds (None for anything else)."""
    if isinstance(value, (ast.Set, ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) for e in value.elts):
        return len(value.elts)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "frozenset" \
            and len(value.args) == 1 and not value.keywords:
        return literal_size(value.args[0])
    return None


def _single_bindings(node: ast.AST) -> dict[str, ast.expr]:
    """Locals assigned exactly once in the function (`kinds = {"a", "b"}`): their value."""
    seen: dict[str, list[ast.expr]] = {}
    for stmt in _own(node.body):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else \
            [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)) else []
        for target in targets:
            if isinstance(target, ast.Name):
                value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) \
                    and not isinstance(stmt, ast.AugAssign) else None
                seen.setdefault(target.id, []).append(value)
    return {name: values[0] for name, values in seen.items() if len(values) == 1 and values[0] is not None}


def _distinct(value: ast.expr, bound: dict[str, ast.expr], depth: int = 0) -> bool:
    """The iterable yields each value once: a set (literal, comprehension, `set(...)`, set
    arithmetic), a dict or its keys, or `list`/`sorted`/`tuple` of one of those."""
    if depth > 3:
        return False
    if isinstance(value, ast.Name):
        return value.id in bound and _distinct(bound[value.id], bound, depth + 1)
    if isinstance(value, (ast.Set, ast.SetComp, ast.Dict, ast.DictComp)):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Sub, ast.BitAnd, ast.BitOr, ast.BitXor)):
        return _distinct(value.left, bound, depth + 1)  # set arithmetic keeps a set
    if isinstance(value, ast.Call):
        func = ast.unparse(value.func)
        if func in _SETS:
            return True
        if isinstance(value.func, ast.Attribute) and value.func.attr == "keys" and not value.args:
            return True
        if func in _SAME_ITEMS and len(value.args) == 1:
            return _distinct(value.args[0], bound, depth + 1)
    return False


def _gates(body: list[ast.stmt], target: str, literals: dict[str, int]):
    """The `if`s (each `elif` too) of the body whose test lets only literal values of `target` in."""
    for stmt in _own(body):
        if isinstance(stmt, ast.If):
            size = _passing(stmt.test, target, literals)
            if size is not None:
                yield stmt, size


def _passing(test: ast.expr, target: str, literals: dict[str, int]) -> int | None:
    """How many values of `target` pass `target in KINDS` / `target == "x"` (or an `or` of them)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        sizes = [_passing(v, target, literals) for v in test.values]
        return None if any(s is None for s in sizes) else sum(sizes)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)
            and test.left.id == target):
        return None
    other = test.comparators[0]
    if isinstance(test.ops[0], ast.Eq) and isinstance(other, ast.Constant):
        return 1
    if isinstance(test.ops[0], ast.In):
        if isinstance(other, ast.Name):
            return literals.get(other.id)
        return literal_size(other)
    return None
