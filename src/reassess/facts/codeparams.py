"""Parameters of a memoised function that only ever hold a code from a closed set.

`extra["code_params"]` of a function decorated with a `functools` memoiser lists the parameters
whose every read is one of:

    TABLE[group]                     # a key into a table the function does not build from its inputs
    kind == "plasma" / rh in ("+",)  # a test against string literals

Such a parameter is a code (a blood group, a component kind), like a `Literal[...]`-typed one:
a key missing from the table raises, and `lru_cache` keeps no entry for a call that raised, so the
memo table cannot grow past the codes the code names. Any other read (`value.lstrip("v")`,
`f(value)`, `return value`) leaves the parameter open.
"""
from __future__ import annotations

import ast

from ..knowledge.memoisers import MEMOISERS
from .types import FunctionFacts


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill `extra["code_params"]` for a memoised function (only those: the walk is per body)."""
    if not any(d.func in MEMOISERS for d in func.decorators):
        return
    params = {p.name for p in func.params if p.name not in ("self", "cls")}
    if not params:
        return
    tables = _tables(node, params)
    allowed: set[int] = set()  # ids of the Name nodes read in an allowed position
    for sub in ast.walk(node):
        if type(sub) is ast.Subscript and type(sub.slice) is ast.Name and type(sub.value) is ast.Name \
                and sub.value.id in tables:
            allowed.add(id(sub.slice))
        elif type(sub) is ast.Compare and len(sub.ops) == 1 and _literal_side(sub.comparators[0], sub.ops[0]) \
                and type(sub.left) is ast.Name:
            allowed.add(id(sub.left))
    open_params = {n.id for n in ast.walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Load
                   and n.id in params and id(n) not in allowed}
    codes = sorted(params - open_params - _rebound(node))
    if codes:
        func.extra["code_params"] = codes


def _literal_side(node: ast.expr, op: ast.cmpop) -> bool:
    """`== "x"`, `!= "x"`, or `in ("a", "b")` / `not in {...}` of string literals."""
    if type(op) in (ast.Eq, ast.NotEq):
        return type(node) is ast.Constant and isinstance(node.value, str)
    if type(op) in (ast.In, ast.NotIn) and type(node) in (ast.Tuple, ast.List, ast.Set):
        return bool(node.elts) and all(type(e) is ast.Constant and isinstance(e.value, str) for e in node.elts)
    return False


def _tables(node: ast.AST, params: set[str]) -> set[str]:
    """Names the body subscripts that hold a table it did not build: a global (never bound in
    the body), or a local bound only to globals (`table = _PLASMA if kind == "plasma" else _RED`)."""
    bound: dict[str, list[ast.expr | None]] = {}
    for sub in ast.walk(node):
        if type(sub) is ast.Assign:
            for target in sub.targets:
                if type(target) is ast.Name:
                    bound.setdefault(target.id, []).append(sub.value)
        elif type(sub) in (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension, ast.NamedExpr) \
                and type(sub.target) is ast.Name:  # type: ignore[attr-defined]
            bound.setdefault(sub.target.id, []).append(None)  # type: ignore[attr-defined]
    names = {n.id for n in ast.walk(node) if type(n) is ast.Name} - params
    return {name for name in names if all(_global_only(v, bound, params) for v in bound.get(name, ()))}


def _global_only(value: ast.expr | None, bound: dict, params: set[str]) -> bool:
    """A name the body never binds, or a conditional choice between such names."""
    if type(value) is ast.Name:
        return value.id not in params and value.id not in bound
    if type(value) is ast.IfExp:
        return _global_only(value.body, bound, params) and _global_only(value.orelse, bound, params)
    return False


def _rebound(node: ast.AST) -> set[str]:
    """Parameters the body assigns: their later reads may hold anything."""
    return {n.id for n in ast.walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Store}
