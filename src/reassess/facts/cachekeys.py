"""Cache-aside keys that leave out an input of the cached value.

`extra["cache_keys"]` for a function that reads a cache by a key and writes the value it
computed under the same key (`cached = await self._redis.get(key)` ... `await
self._redis.set(key, value)`), when the key is built in the function from an f-string or a
key helper's arguments and a scalar parameter (`season_id: int`) shapes the value (it is
passed to a call that computes it) but appears nowhere in the key: [{"line", "end" (of the
key), "key" (its text), "missing" (the parameters), "read" (line of the cache read)}].
Two calls that differ only in that parameter then share one entry: the second gets the
first one's value. Only functions whose calls show a read and a write on one cache-like
receiver are walked.
"""
from __future__ import annotations

import ast
from typing import Any

from .types import FunctionFacts
from .values import dotted, unparse

_READS = frozenset({"get", "hget", "get_json"})
_WRITES = frozenset({"set", "setex", "hset", "set_json", "put"})
_RECEIVER_HINTS = ("cache", "redis", "memcache")
# parameter annotations of values a key is made of (a session, client or callback is not)
_SCALARS = frozenset({"int", "str", "UUID", "uuid.UUID", "date", "datetime", "bool", "float", "Decimal"})
_NOT_INPUTS = frozenset({"len", "print", "isinstance"})
_LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill `extra["cache_keys"]` (see the module) when the calls show a cache read and write."""
    receivers = _cache_receivers(func)
    scalars = {p.name for p in func.params if _scalar(p.annotation)}
    if not receivers or not scalars:
        return
    found = []
    for read in _calls(node, receivers, _READS):
        key = _key_expr(node, read.args[0]) if read.args else None
        if key is None or not _written_back(node, receivers, read.args[0]):
            continue
        missing = _unkeyed(node, scalars - _names_behind(node, key), receivers, func)
        if missing:
            found.append({"line": key.lineno, "end": key.end_lineno or key.lineno, "key": unparse(key)[:80],
                          "missing": missing, "read": read.lineno})
    if found:
        func.extra["cache_keys"] = found


def _scalar(annotation: str) -> bool:
    text = annotation.replace(" ", "")
    parts = text.split("|")
    return bool(text) and all(p in _SCALARS or p == "None" for p in parts) and any(p != "None" for p in parts)


def _cache_receivers(func: FunctionFacts) -> set[tuple[str, ...]]:
    """Receivers named like a cache (`self._redis`, `cache`) that the function both reads and writes."""
    reads = {c.func[:-1] for c in func.calls if c.func and len(c.func) > 1 and c.func[-1] in _READS}
    writes = {c.func[:-1] for c in func.calls if c.func and len(c.func) > 1 and c.func[-1] in _WRITES}
    return {r for r in reads & writes if any(h in r[-1].lower() for h in _RECEIVER_HINTS)}


def _dotted(node: ast.expr) -> tuple[str, ...]:
    """`self._redis` -> ("self", "_redis"); () for anything but names and attributes."""
    parts = dotted(node)
    return parts if parts and "[]" not in parts else ()


def _calls(node: ast.AST, receivers: set[tuple[str, ...]], methods: frozenset[str]) -> list[ast.Call]:
    return [c for c in ast.walk(node) if type(c) is ast.Call and type(c.func) is ast.Attribute
            and c.func.attr in methods and _dotted(c.func.value) in receivers]


def _key_expr(func: ast.AST, arg: ast.expr) -> ast.expr | None:
    """The key as built: the f-string or key-helper call itself, or the one assignment of the
    local holding it. None when built any other way (the parts cannot be told)."""
    if type(arg) is ast.Name:
        bound = [n.value for n in ast.walk(func) if type(n) in (ast.Assign, ast.AnnAssign) and n.value is not None
                 and any(type(t) is ast.Name and t.id == arg.id for t in _targets(n))]
        if len(bound) != 1:
            return None
        arg = bound[0]
    if type(arg) is ast.JoinedStr and any(type(v) is ast.FormattedValue for v in arg.values):
        return arg
    if type(arg) is ast.Call and (arg.args or arg.keywords):
        return arg
    return None


def _targets(stmt: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return stmt.targets if type(stmt) is ast.Assign else [stmt.target]


def _written_back(func: ast.AST, receivers: set[tuple[str, ...]], key: ast.expr) -> bool:
    """A write on a cache receiver under the same key expression."""
    text = unparse(key)
    return any(c.args and unparse(c.args[0]) == text for c in _calls(func, receivers, _WRITES))


def _names_behind(func: ast.AST, key: ast.expr) -> set[str]:
    """The names the key is made of, and the names behind the locals it uses (`day = start.date()`)."""
    names = {n.id for n in ast.walk(key) if type(n) is ast.Name}
    assigns = [n for n in ast.walk(func) if type(n) in (ast.Assign, ast.AnnAssign) and n.value is not None]
    for _ in range(3):
        more = {n.id for a in assigns if any(type(t) is ast.Name and t.id in names for t in _targets(a))
                for n in ast.walk(a.value) if type(n) is ast.Name}
        if more <= names:
            break
        names |= more
    return names


def _shapes_value(func: ast.AST, param: str, receivers: set[tuple[str, ...]]) -> bool:
    """The parameter is handed to a call that computes something (a loader, a query, a
    formatter), other than the cache's own calls and logging."""
    raised = {id(n) for r in ast.walk(func) if type(r) is ast.Raise for n in ast.walk(r)}  # error text
    for call in ast.walk(func):
        if type(call) is not ast.Call or id(call) in raised or _ignored(call, receivers):
            continue
        args = [*call.args, *(k.value for k in call.keywords)]
        if any(type(n) is ast.Name and n.id == param for a in args for n in ast.walk(a)):
            return True
    return False


def _unkeyed(node: ast.AST, params: set[str], receivers: set[tuple[str, ...]], func: FunctionFacts) -> list[str]:
    """The parameters left out of the key that the cached value depends on: used to build it, or
    handed over with the loader that builds it."""
    return sorted(p for p in params if _shapes_value(node, p, receivers) or _left_to_loader(node, p, func))


def _left_to_loader(func: ast.AST, param: str, facts: FunctionFacts) -> bool:
    """`get_menu(restaurant_id, include_unavailable, loader)`: the value comes from a callback
    the caller built (a parameter the function calls), and the parameter is never read here: the
    caller hands it over only because the value it loads depends on it, so it belongs in the key."""
    loaders = {p.name for p in facts.params if not _scalar(p.annotation)}
    called = any(type(c) is ast.Call and type(c.func) is ast.Name and c.func.id in loaders for c in ast.walk(func))
    return called and not any(type(n) is ast.Name and n.id == param and type(n.ctx) is ast.Load
                              for n in ast.walk(func))


def _ignored(call: ast.Call, receivers: set[tuple[str, ...]]) -> bool:
    func: Any = call.func
    if type(func) is ast.Name:
        return func.id in _NOT_INPUTS
    if type(func) is ast.Attribute:
        return _dotted(func.value) in receivers or func.attr in _LOG_METHODS
    return False
