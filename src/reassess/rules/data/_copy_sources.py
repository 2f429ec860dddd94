"""What a copy copies and where the original came from: the argument of `copy.deepcopy(x)`,
`x.copy()`, a parameter listed then copied, a result an awaited call just built; and whether a
copy in a loop copies a different item or a moving snapshot each pass (then it is needed)."""
from __future__ import annotations

import ast

from ...facts.values import unparse
from ...facts.visitor import descendants
from ._scan_state import _call_name, _Loop


def deepcopy_arg(value: ast.expr) -> ast.expr | None:
    """`x` for `copy.deepcopy(x)` (or a bare `deepcopy(x)`); None for any other expression."""
    if type(value) is ast.Call and _call_name(value) == "deepcopy" and len(value.args) == 1 and not value.keywords:
        return value.args[0]
    return None


def listed_param(arg: ast.expr, params: set[str]) -> str | None:
    """`submissions` for `list(submissions)` of a parameter: the deep copy's own top level is already
    a new list, so only the caller's items are at stake, as for `copy.deepcopy(submissions)`."""
    if type(arg) is ast.Call and type(arg.func) is ast.Name and arg.func.id in ("list", "tuple") \
            and len(arg.args) == 1 and not arg.keywords and type(arg.args[0]) is ast.Name \
            and arg.args[0].id in params:
        return arg.args[0].id
    return None


def fresh_await(value: ast.expr) -> bool:
    """`await fetch(...)` of anything not named as a cache: a result built for this caller."""
    return type(value) is ast.Await and type(value.value) is ast.Call and "cache" not in unparse(value.value.func)


def built_from_await(value: ast.expr) -> bool:
    """`{c.id: c for c in (await session.execute(...)).scalars()}`: a container of what an awaited
    call just returned for this caller, gathered here; nobody else holds it."""
    return isinstance(value, (ast.ListComp, ast.SetComp, ast.DictComp)) and any(
        fresh_await(sub) for sub in descendants([value.generators[0].iter]))


def copy_source(node: ast.expr) -> ast.expr | None:
    """`x` for `copy.copy(x)`, `copy.deepcopy(x)` or `x.copy()`; None for any other expression."""
    if not (type(node) is ast.Call and type(node.func) is ast.Attribute and not node.keywords):
        return None
    func = node.func
    if type(func.value) is ast.Name and func.value.id == "copy":
        return node.args[0] if func.attr in ("copy", "deepcopy") and len(node.args) == 1 else None
    return func.value if func.attr == "copy" and not node.args else None


def copies_item(node: ast.Call, loop: _Loop) -> bool:
    """`[copy.deepcopy(d) for d in days if ...]`: each pass copies a different item, once; the
    whole costs what one copy of the kept items costs, nothing is copied twice."""
    return len(node.args) == 1 and type(node.args[0]) is ast.Name and node.args[0].id in loop.targets


def snapshots_changing(node: ast.Call, loop: _Loop) -> bool:
    """`history.append(copy.deepcopy(window))` where the loop moves `window` on (`window.start = ...`,
    `window.append(...)`, `window[k] = ...`) between passes: each copy is a distinct snapshot the
    list needs, not a copy of the same value again."""
    if len(node.args) != 1 or type(node.args[0]) is not ast.Name:
        return False
    name = node.args[0].id
    if name in loop.assigned - loop.rebound:
        return True
    return any(type(sub) is ast.Attribute and type(sub.ctx) is ast.Store and type(sub.value) is ast.Name
               and sub.value.id == name for sub in descendants(loop.body))


def load_counts(func: ast.AST, names: set[str]) -> dict[str, int]:
    """How often each of `names` is read in `func`."""
    loads: dict[str, int] = {}
    for sub in ast.walk(func):
        if type(sub) is ast.Name and sub.id in names and type(sub.ctx) is ast.Load:
            loads[sub.id] = loads.get(sub.id, 0) + 1
    return loads
