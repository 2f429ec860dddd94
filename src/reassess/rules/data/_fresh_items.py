"""Whether a value holds new items nobody else holds: a comprehension of containers built on
the spot, a list grown only with such items, or the result of a function of the file that
returns them. A copy of such a value protects nothing."""
from __future__ import annotations

import ast

from ...facts.visitor import own_nodes
from ._scan_state import _call_name


_ITEM_MAKERS = frozenset({"dict", "list", "set", "tuple", "model_dump", "asdict", "_asdict", "to_dict"})
GROWERS = frozenset({"append", "extend", "insert"})


def empty_list(value: ast.expr) -> bool:
    """`[]` or `list()`: a list no one else holds, with no items yet."""
    return type(value) is ast.List and not value.elts or \
        type(value) is ast.Call and type(value.func) is ast.Name and value.func.id == "list" and not value.args


def new_item(item: ast.expr | None) -> bool:
    """A container built on the spot (`{"kind": k, "at": at}`, `dict(row)`), as in `_is_fresh`, or an
    instance of a class made there (`Candidate(lot.id, lot.priority)`)."""
    return isinstance(item, (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.DictComp, ast.ListComp)) or (
        isinstance(item, ast.Call) and (_call_name(item) in _ITEM_MAKERS or _instantiates(item)))


def _instantiates(call: ast.Call) -> bool:
    """`Candidate(...)` / `models.Candidate(...)`: a class called by its CapWords name builds a new object."""
    name = call.func.id if type(call.func) is ast.Name else call.func.attr if type(call.func) is ast.Attribute else ""
    return name[:1].isupper() and not name.isupper()


def grown_before(func: ast.AST, name: str, line: int) -> int:
    """How many of `name`'s reads are `name.append(...)`-like calls before `line`."""
    return sum(1 for sub in ast.walk(func) if type(sub) is ast.Call and type(sub.func) is ast.Attribute
               and sub.func.attr in GROWERS and type(sub.func.value) is ast.Name and sub.func.value.id == name
               and sub.lineno < line)


def is_fresh(value: ast.expr) -> bool:
    """A comprehension whose every item is a container built on the spot (`[dict(r) for r in rows]`)."""
    if not isinstance(value, (ast.ListComp, ast.SetComp)):
        return False
    return new_item(value.elt)


def item_builders(module: ast.Module | None) -> set[str]:
    """Functions of this module (`name`, or `Class.name` for a method) whose every return is a
    comprehension of containers built on the spot (`return [dict(r._mapping) for r in result]`):
    each call hands back new items nobody else holds. Decorated ones are left out (a memo returns
    the same list to every caller)."""
    found: set[str] = set()
    for stmt in module.body if module is not None else ():
        if type(stmt) is ast.ClassDef:
            found.update(f"{stmt.name}.{f.name}" for f in stmt.body if _returns_new_items(f))
        elif _returns_new_items(stmt):
            found.add(stmt.name)
    return found


def _returns_new_items(node: ast.stmt) -> bool:
    if type(node) not in (ast.FunctionDef, ast.AsyncFunctionDef) or any(
            not (type(d) is ast.Name and d.id in ("staticmethod", "classmethod")) for d in node.decorator_list):
        return False
    returns = [n for n in own_nodes(node.body) if type(n) in (ast.Return, ast.Yield, ast.YieldFrom)]
    grown = _grown_lists(node)
    return bool(returns) and all(type(n) is ast.Return and n.value is not None and (
        is_fresh(n.value) or type(n.value) is ast.Name and n.value.id in grown) for n in returns)


def _grown_lists(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Locals bound once to an empty list and then only grown with items built on the spot
    (`out = []`, `out.append(Candidate(...))`) or returned: new items nobody else holds."""
    nodes = own_nodes(func.body)
    bound: dict[str, int] = {}
    loads: dict[str, int] = {}
    fine: dict[str, int] = {}  # loads that append a new item or return the list
    for sub in nodes:
        kind = type(sub)
        if kind is ast.Assign and len(sub.targets) == 1 and type(sub.targets[0]) is ast.Name:
            name = sub.targets[0].id
            bound[name] = bound.get(name, 0) + (1 if empty_list(sub.value) else 2)
        elif kind is ast.Name and type(sub.ctx) is ast.Load:
            loads[sub.id] = loads.get(sub.id, 0) + 1
        elif kind is ast.Return and type(sub.value) is ast.Name:
            fine[sub.value.id] = fine.get(sub.value.id, 0) + 1
        elif kind is ast.Call and type(sub.func) is ast.Attribute and type(sub.func.value) is ast.Name \
                and sub.func.attr == "append" and len(sub.args) == 1 and new_item(sub.args[0]):
            fine[sub.func.value.id] = fine.get(sub.func.value.id, 0) + 1
    return {name for name, count in bound.items() if count == 1 and loads.get(name, 0) == fine.get(name, -1)}
