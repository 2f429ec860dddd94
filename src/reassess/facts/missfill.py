"""In-process memo fills: `C[key] = value` written only when a lookup of `C[key]` missed.

`extra["miss_fills"]` of a function lists the lines of such stores:

    if type_ not in _ADAPTERS:                   # a miss test around the store
        _ADAPTERS[type_] = TypeAdapter(type_)    # listed
    cached = _CONFIGS.get(url)                   # or a lookup kept in a name, tested for None
    if cached is None: ...; _CONFIGS[url] = cached
    try: return _VIEWS[name]                     # or a hit served first, leaving early
    except KeyError: pass
    _VIEWS[name] = await fetch(name)

Such a dict is a cache of values any process can compute again: each process filling its own
copy loses nothing. A fresh empty object (`_events[run_id] = asyncio.Event()`) is not a fill: its
identity is what another call looks up to signal or extend; nor is the result of a call that acts
(`create_room(...)`): that is a record of work done once. A read-modify-write (`hits[user] = hits.get(user, []) + [now]`) is not a
fill: its store runs on every call and its value depends on what was there.
"""
from __future__ import annotations

import ast

from .readthrough import ACTS
from .types import FunctionFacts
from .values import dotted_str
from .visitor import walk


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts, stores: list[ast.Assign]) -> None:
    """Fill `extra["miss_fills"]` (see the module). `stores` are the function's `C[k] = v`
    statements, nested functions' included, as the extractor met them: most functions have
    none, and then the function is not walked again."""
    if not stores:
        return
    nodes = walk(node)
    lines = sorted(store.lineno for store in stores if _filled_on_miss(nodes, store))
    if lines:
        func.extra["miss_fills"] = lines


def _filled_on_miss(nodes: list[ast.AST], store: ast.Assign) -> bool:
    target = store.targets[0]
    assert isinstance(target, ast.Subscript)
    cache, key = dotted_str(target.value), ast.dump(target.slice)
    if not cache or _fresh(store.value) or \
            cache in {dotted_str(n) for n in walk(store.value) if isinstance(n, (ast.Name, ast.Attribute))}:
        return False
    if _made_by_action(nodes, store) or _used_as_state(nodes, store):
        return False
    looked = _lookup_names(nodes, cache, key, store.lineno)
    return any(_guards(stmt, cache, key, looked, store) for stmt in nodes
               if isinstance(stmt, (ast.If, ast.Try)) and stmt.lineno < store.lineno)


def _made_by_action(nodes: list[ast.AST], store: ast.Assign) -> bool:
    """The value comes from an awaited call that creates or changes something (`room = await
    client.create_room(id)` ... `_rooms[id] = room["id"]`): an idempotency record of work done once,
    which another process would do again, not a value any process can load. (A local factory,
    `create_async_engine(url)`, builds an object and acts on nothing.)"""
    names = {n.id for n in walk(store.value) if isinstance(n, ast.Name)}
    sources = [store.value] + [stmt.value for stmt in nodes if isinstance(stmt, ast.Assign)
                               and stmt.lineno < store.lineno and any(isinstance(t, ast.Name) and t.id in names
                                                                      for t in stmt.targets)]
    return any(isinstance(node, ast.Await) and isinstance(node.value, ast.Call)
               and _acts(dotted_str(node.value.func).rsplit(".", 1)[-1]) for source in sources for node in walk(source))


def _acts(name: str) -> bool:
    return name.lstrip("_").split("_", 1)[0] in ACTS


def _used_as_state(nodes: list[ast.AST], store: ast.Assign) -> bool:
    """After the fill the function works the stored object (`bucket.take()`, `async with lock:`): the
    entry is a stateful object others share through the dict (a rate bucket, a per-key lock), not a
    value to hand back; a fresh one (`lock = asyncio.Lock()`) counts too."""
    if not isinstance(store.value, ast.Name):
        return False
    name = store.value.id
    if any(isinstance(stmt, ast.Assign) and stmt.lineno < store.lineno and _fresh(stmt.value)
           and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets) for stmt in nodes):
        return True
    worked = [n for n in nodes if getattr(n, "lineno", 0) > store.lineno and (
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
        and n.func.value.id == name
        or isinstance(n, (ast.With, ast.AsyncWith)) and any(
            isinstance(item.context_expr, ast.Name) and item.context_expr.id == name for item in n.items))]
    return bool(worked)


_EMPTY_MAKERS = frozenset({"list", "dict", "set", "defaultdict", "deque", "OrderedDict"})


def _fresh(value: ast.expr) -> bool:
    """`asyncio.Event()`, `[]`, `set()`: a new empty object whose identity is what others look up
    (to signal it, to add to it), not a value computed from the key: a registry entry, not a cache."""
    if isinstance(value, ast.Call):  # a class built with no arguments (`resp.json()` is a value)
        last = dotted_str(value.func).rsplit(".", 1)[-1]
        return not value.args and not value.keywords and (last.lstrip("_")[:1].isupper() or last in _EMPTY_MAKERS)
    return isinstance(value, (ast.List, ast.Dict, ast.Set)) and not getattr(value, "elts", getattr(value, "keys", None))


def _lookup_names(nodes: list[ast.AST], cache: str, key: str, before: int) -> set[str]:
    """Names bound to `cache.get(key)` before the store (`cached = _CONFIGS.get(url)`)."""
    return {t.id for stmt in nodes if isinstance(stmt, ast.Assign) and stmt.lineno < before
            and _is_lookup(stmt.value, cache, key) for t in stmt.targets if isinstance(t, ast.Name)}


def _is_lookup(node: ast.AST, cache: str, key: str) -> bool:
    """`cache.get(key)` or `cache[key]`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return dotted_str(node.func.value) == cache and bool(node.args) and ast.dump(node.args[0]) == key
    return isinstance(node, ast.Subscript) and dotted_str(node.value) == cache and ast.dump(node.slice) == key


def _is_held(node: ast.AST, cache: str, key: str, looked: set[str]) -> bool:
    """`cache.get(key)`, `cache[key]` or a name holding one of them."""
    return _is_lookup(node, cache, key) or isinstance(node, ast.Name) and node.id in looked


def _membership(node: ast.AST, cache: str, key: str) -> type | None:
    """`ast.In` / `ast.NotIn` for `key in cache` / `key not in cache`."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
            and ast.dump(node.left) == key and dotted_str(node.comparators[0]) == cache:
        return type(node.ops[0])
    return None


def _tests_miss(test: ast.expr, cache: str, key: str, looked: set[str]) -> bool:
    """`key not in cache`, `cached is None`, `not cache.get(key)`."""
    if _membership(test, cache, key) is ast.NotIn:
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _is_held(test.operand, cache, key, looked)
    return isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.Is) and \
        _is_held(test.left, cache, key, looked) and isinstance(test.comparators[0], ast.Constant)


def _tests_hit(test: ast.expr, cache: str, key: str, looked: set[str]) -> bool:
    """`key in cache`, `cached`, `cache.get(key)`, `cached is not None`."""
    if _membership(test, cache, key) is ast.In or _is_held(test, cache, key, looked):
        return True
    return isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.IsNot) and \
        _is_held(test.left, cache, key, looked)


def _returns_held(body: list[ast.stmt], cache: str, key: str, looked: set[str]) -> bool:
    """The block serves the hit: it returns the cached value."""
    return any(isinstance(n, ast.Return) and n.value is not None and _is_held(n.value, cache, key, looked)
               for s in body for n in walk(s))


def _guards(stmt: ast.If | ast.Try, cache: str, key: str, looked: set[str], store: ast.Assign) -> bool:
    """`stmt` makes the store a miss path: an `if` testing for a miss that holds the store, an
    `if` testing for a hit that returns the cached value first, or a `try` returning `cache[key]`
    with `except KeyError` before it."""
    end = stmt.end_lineno or stmt.lineno
    if isinstance(stmt, ast.If):
        inside = stmt.lineno < store.lineno <= (stmt.body[-1].end_lineno or stmt.lineno)
        return inside and _tests_miss(stmt.test, cache, key, looked) or \
            store.lineno > end and _tests_hit(stmt.test, cache, key, looked) and \
            _returns_held(stmt.body, cache, key, looked)
    caught = {dotted_str(h.type) for h in stmt.handlers if h.type is not None}
    return store.lineno > end and bool(caught & {"KeyError", "LookupError"}) and \
        _returns_held(stmt.body, cache, key, looked)
