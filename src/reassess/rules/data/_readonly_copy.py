"""Whether a deep copy is only ever read: iterated, measured, compared, its items' fields read
or logged. Such a copy protects nothing: no code changes the copy or hands it on."""
from __future__ import annotations

import ast

# Calls that read a value and keep no reference to it.
_READERS = frozenset({"len", "str", "int", "float", "bool", "repr", "isinstance", "abs", "round", "hash", "sum",
                      "any", "all", "print", "format"})
# Calls whose result holds the same items (or one of them): followed like the value itself.
_PASS_THROUGH = frozenset({"min", "max", "sorted", "list", "tuple", "set", "frozenset", "enumerate", "zip",
                           "reversed", "iter", "next", "filter"})
_READ_METHODS = frozenset({"get", "keys", "values", "items", "count", "index", "startswith", "endswith", "lower",
                           "upper", "strip", "isoformat", "hex", "decode", "encode", "format"})
_LOGGERS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
_MAX_ROUNDS = 8  # hand-offs followed (copy -> loop variable -> filtered list -> ...)


def only_read(func: ast.AST, name: str) -> bool:
    """`name` (bound once to the copy) and every value taken from it are only read in `func`."""
    parents = {id(child): node for node in ast.walk(func) for child in ast.iter_child_nodes(node)}
    loads: dict[str, list[ast.Name]] = {}
    for node in ast.walk(func):
        if type(node) is ast.Name:
            if type(node.ctx) is ast.Load:
                loads.setdefault(node.id, []).append(node)
            elif type(node.ctx) is ast.Store and node.id == name and type(parents.get(id(node))) is ast.AugAssign:
                return False
    tainted, done = {name}, set()
    for _ in range(_MAX_ROUNDS):
        todo = tainted - done
        if not todo:
            return True
        done |= todo
        for current in todo:
            for use in loads.get(current, ()):
                found = _follow(use, parents)
                if found is None:
                    return False
                tainted |= found
    return not tainted - done


def _follow(node: ast.expr, parents: dict[int, ast.AST]) -> set[str] | None:
    """Names a use hands the value on to (loop targets, assigned locals); None when the use may
    change it or let it escape (a method call, a store, a return, an argument)."""
    while True:
        parent = parents.get(id(node))
        kind = type(parent)
        if kind in (ast.Attribute, ast.Subscript) and parent.value is node:
            if type(parent.ctx) is not ast.Load:
                return None
            grand = parents.get(id(parent))
            if type(grand) is ast.Call and grand.func is parent:
                return _method_call(parent, grand, parents)
            if type(grand) in (ast.Attribute, ast.Subscript) and grand.value is parent:
                node = parent  # a longer chain: `row.tags.append(...)` must still be seen
                continue
            if kind is ast.Subscript and type(parent.slice) is not ast.Constant:
                node = parent  # `rows[i]`: an item of the copy, followed further
                continue
            return set()  # a field read for its own value (`entry.score`)
        elif kind is ast.Subscript:  # used as the key
            return set()
        elif kind is ast.comprehension:
            return _targets(parent.target) if parent.iter is node else set()
        elif kind in (ast.For, ast.AsyncFor):
            return _targets(parent.target) if parent.iter is node else None
        elif kind in (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.Tuple, ast.List, ast.Set,
                      ast.Dict, ast.BinOp, ast.IfExp, ast.Starred, ast.NamedExpr):
            if kind is ast.NamedExpr:
                return None
            node = parent
        elif kind in (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.FormattedValue, ast.JoinedStr, ast.If, ast.While,
                      ast.Assert, ast.Expr):
            return set()
        elif kind is ast.Call:
            return _argument(parent, node, parents)
        elif kind is ast.keyword:
            call = parents.get(id(parent))
            return _argument(call, node, parents) if type(call) is ast.Call else None
        elif kind in (ast.Assign, ast.AnnAssign):
            targets = parent.targets if kind is ast.Assign else [parent.target]
            if all(type(t) in (ast.Name, ast.Tuple) for t in targets):
                return {n for t in targets for n in _targets(t)}
            return None
        else:
            return None


def _method_call(attr: ast.Attribute | ast.Subscript, call: ast.Call, parents: dict[int, ast.AST]) -> set[str] | None:
    if type(attr) is not ast.Attribute or attr.attr not in _READ_METHODS:
        return None
    return _follow(call, parents)


def _argument(call: ast.Call, node: ast.expr, parents: dict[int, ast.AST]) -> set[str] | None:
    func = call.func
    name = func.id if type(func) is ast.Name else ""
    if name in _READERS:
        return set()
    if name in _PASS_THROUGH:
        return _follow(call, parents)
    if type(func) is ast.Attribute and func.attr in _LOGGERS and type(func.value) is ast.Name \
            and "log" in func.value.id.lower():
        return set()
    return None


def _targets(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if type(n) is ast.Name}
