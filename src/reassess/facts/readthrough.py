"""Read-through cache reads: a cached value read, tested for a miss, and on a miss loaded from
the source and written back under the same key.

`extra["read_through"]` of a function lists the lines of such reads (and `extra["miss_reloads"]` those
whose miss is loaded from elsewhere with the write-back, if any, left to the loader):

    raw = await self._redis.get(f"sku:{code}")      # listed
    if raw is not None:
        return json.loads(raw)
    row = await repo.get_by_code(session, code)
    await self._redis.set(f"sku:{code}", json.dumps(row))

Three things make it a cache rather than the place the data lives: the value read is tested
(`if raw is None`, `if raw`, a walrus in the test) and the write follows that test on the same
path; the write uses the same key; and the value written comes from an awaited load that is not
the store itself nor a call that creates or changes something (a checkout session stored under a
user's key is an idempotency record: there is no source to read it from again). A write queued
on a pipeline of the connection read (`async with self._redis.pipeline() as pipe: pipe.hset(key,
...)`) is a write of that connection.

A project cache's own accessors on a receiver named for a cache count the same way
(`cached = await self._cache.get_arrivals(stop_id)` ... `await self._cache.put_arrivals(stop_id,
rows)`: a read verb and a fill verb with the same rest of the name); for them
`extra["read_through_fills"]` pairs each read line with the line of its fill, so a rule can follow
the fill into the accessor (what the store is, whether the entry gets a lifetime).
"""
from __future__ import annotations

import ast

from .types import FunctionFacts
from .values import dotted, unparse

_READS = frozenset({"get", "hget", "hgetall", "hmget", "mget", "json.get", "get_json"})
_FILLS = frozenset({"set", "setex", "hset", "hmset", "mset", "set_json"})
# leading verbs of calls that act (create, send, change) rather than load
ACTS = frozenset({"create", "record", "insert", "add", "save", "send", "post", "put", "publish", "submit",
                   "charge", "update", "delete", "remove", "enqueue", "register", "issue", "start", "capture",
                   "book", "reserve", "claim", "incr", "decr", "push", "emit", "notify", "write", "store", "mark",
                   "set", "open", "begin", "acquire"})


# a project cache's own accessors, on a receiver named for a cache (`self._cache.get_arrivals(stop)`
# and `self._cache.put_arrivals(stop, rows)`): a read verb and a fill verb with the same rest
_WRAPPER_READS = frozenset({"get", "load", "fetch", "read", "lookup"})
_WRAPPER_FILLS = frozenset({"set", "put", "store", "save", "write"})


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill `extra["read_through"]` (see the module) when the calls show a read and a fill on one
    receiver; with a project cache's accessors, also `extra["read_through_fills"]`: [[read line,
    fill line]], the fill being the accessor call that stores the loaded value."""
    aliases = _pipelines(node) if any(s.func and s.func[-1] == "pipeline" for s in func.calls) else {}
    names = {(aliases.get(s.func[:-1], s.func[:-1]), s.func[-1]) for s in func.calls if s.func and len(s.func) > 1}
    reloads = _miss_reloads(node, {r for r, m in names if m in _READS})
    if reloads:
        func.extra["miss_reloads"] = reloads
    found = _read_through(node, names, aliases)
    if found:
        func.extra["read_through"] = sorted({read for read, _fill in found})
        wrapped = [list(pair) for pair in sorted(found) if pair[1]]
        if wrapped:
            func.extra["read_through_fills"] = wrapped


def _pipelines(node: ast.AST) -> dict[tuple, tuple]:
    """pipeline name -> the connection it batches for (`async with self._redis.pipeline() as pipe`,
    `pipe = redis.pipeline()`): a fill queued on the pipeline writes that connection. Walked only
    when the function calls a `pipeline()` (annotate runs for every function)."""
    out: dict[tuple, tuple] = {}
    for target, value in (pair for n in ast.walk(node) for pair in _binding(n)):
        parts = dotted(value.func) if isinstance(value, ast.Call) else None
        if parts and len(parts) > 1 and parts[-1] == "pipeline" and isinstance(target, ast.Name):
            out[(target.id,)] = tuple(parts[:-1])
    return out


def _read_through(node: ast.AST, names: set[tuple[tuple, str]], aliases: dict[tuple, tuple]) -> set[tuple[int, int]]:
    """(read line, fill line, or 0 unless the fill is a project cache's accessor) of each read
    filled on a miss, on the receivers whose calls (`names`) show a read and a fill."""
    plain = {r for r, m in names if m in _READS} & {r for r, m in names if m in _FILLS}
    wrappers = _wrapper_methods(names)  # (a receiver with both keeps only its accessors)
    methods = {**{r: (_READS, _FILLS) for r in plain}, **wrappers}
    return {(read, fill.lineno if recv in wrappers else 0) for recv, (reads, fills) in methods.items()
            for read, fill in _reads_filled(node, recv, reads, fills, aliases)}


def _wrapper_methods(names: set[tuple[tuple, str]]) -> dict[tuple, tuple[frozenset, frozenset]]:
    """receiver -> (read accessors, fill accessors) of a cache-named receiver whose accessors pair up."""
    out: dict[tuple, tuple[frozenset, frozenset]] = {}
    for recv, method in names:
        verb, _, rest = method.partition("_")
        if verb not in _WRAPPER_READS or "cache" not in recv[-1].lower():
            continue
        fills = frozenset(m for r, m in names if r == recv and m.partition("_")[0] in _WRAPPER_FILLS
                          and m.partition("_")[2] == rest)
        if fills:
            reads, known = out.get(recv, (frozenset(), frozenset()))
            out[recv] = (reads | {method}, known | fills)
    return out


def _reads_filled(node: ast.AST, recv: tuple, reads: frozenset, fills: frozenset,
                  aliases: dict[tuple, tuple]) -> list[tuple[int, ast.Call]]:
    """(read line, the fill) of the reads of `recv` in `node` that are filled from a load on a miss."""
    loaded = _loaded_names(node, recv)
    out = []
    for _name, call, tested in _tested_reads(node, recv, reads):
        fill = _filled(tested, recv, call, loaded, fills, aliases)
        if fill is not None:
            out.append((call.lineno, fill))
    return out


def _tested_reads(node: ast.AST, recv: tuple, reads: frozenset):
    """(name, read call, the statements from the `if` testing the name on) of each read of `recv`
    bound to a name that a later `if` (or the `if` holding the read) tests."""
    for block, tail in _blocks(node.body, []):
        for index, stmt in enumerate(block):
            for name, call in _reads_in(stmt, recv, reads):
                rest = _reachable((block[index:] if isinstance(stmt, ast.If) else block[index + 1:]) + tail)
                at = next((i for i, s in enumerate(rest) if isinstance(s, ast.If) and _tests(s.test, name)), None)
                if at is not None:
                    yield name, call, rest[at:]


def _miss_reloads(node: ast.AST, receivers: set[tuple]) -> list[int]:
    """Lines of cached reads whose miss is answered by loading the value elsewhere, with no write-back
    here (`raw = await self.redis.hgetall(key)`, then `if not raw: raw = await self._rebuild(day)`):
    the source can answer, so the store is a cache even when the fill happens further down."""
    return sorted({call.lineno for recv in receivers for name, call, tested in _tested_reads(node, recv, _READS)
                   if any(_rebinds(s, name, recv) for s in tested[0].body)})


def _rebinds(stmt: ast.stmt, name: str, recv: tuple) -> bool:
    """`name = await load(...)` from something other than `recv` that does not act (create, send)."""
    return isinstance(stmt, ast.Assign) and [_target_names(t) for t in stmt.targets] == [[name]] \
        and isinstance(stmt.value, ast.Await) and _uses_loaded(stmt.value, recv, set())


def _blocks(block: list[ast.stmt], tail: list[ast.stmt]):
    """(statement list, the statements that run after it) for each list of the function, not
    entering nested functions or classes."""
    yield block, tail
    for index, stmt in enumerate(block):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        after = block[index + 1:] + tail
        for field in ("body", "orelse", "finalbody"):
            part = getattr(stmt, field, None)
            if isinstance(part, list) and part and isinstance(part[0], ast.stmt):
                yield from _blocks(part, after)
        for handler in getattr(stmt, "handlers", ()):
            yield from _blocks(handler.body, after)


def _reachable(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """The statements up to the first that leaves the block (a return, raise, break, continue)."""
    for index, stmt in enumerate(stmts):
        if isinstance(stmt, (ast.Return, ast.Raise, ast.Break, ast.Continue)):
            return stmts[:index]
    return stmts


def _reads_in(stmt: ast.stmt, recv: tuple, reads: frozenset) -> list[tuple[str, ast.Call]]:
    """`name = await recv.get(...)` as the statement, or `(name := await recv.get(...))` in an if's test."""
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        call = _awaited_call(stmt.value, recv, reads)
        if call is not None and len(targets) == 1 and isinstance(targets[0], ast.Name):
            return [(targets[0].id, call)]
    if isinstance(stmt, ast.If):
        return [(n.target.id, c) for n in ast.walk(stmt.test) if isinstance(n, ast.NamedExpr)
                for c in [_awaited_call(n.value, recv, reads)] if c is not None]
    return []


def _awaited_call(value, recv: tuple, methods: frozenset) -> ast.Call | None:
    if isinstance(value, ast.Await) and isinstance(value.value, ast.Call):
        parts = dotted(value.value.func)
        if parts and tuple(parts[:-1]) == recv and parts[-1] in methods:
            return value.value
    return None


def _tests(test: ast.expr, name: str) -> bool:
    """A miss test of `name`: `name is None`, `name is not None`, `name`, `not name` (in a boolean
    operation too), or a walrus binding it."""
    if isinstance(test, ast.BoolOp):
        return any(_tests(v, name) for v in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _tests(test.operand, name)
    if isinstance(test, ast.Compare) and len(test.comparators) == 1 \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        return _tests(test.left, name)
    if isinstance(test, ast.NamedExpr):
        return test.target.id == name
    return isinstance(test, ast.Name) and test.id == name


def _filled(stmts: list[ast.stmt], recv: tuple, read: ast.Call, loaded: set[str], fills: frozenset,
            aliases: dict[tuple, tuple]) -> ast.Call | None:
    """The write of `recv` (or of a pipeline of it) under the read's key, in `stmts`, of a value that
    was loaded, if any."""
    key = unparse(read.args[0]) if read.args else None
    for stmt in stmts:
        for node in ast.walk(stmt):
            if not isinstance(node, ast.Call):
                continue
            parts = dotted(node.func)
            if not parts or aliases.get(tuple(parts[:-1]), tuple(parts[:-1])) != recv or parts[-1] not in fills \
                    or not node.args:
                continue
            values = [*node.args[1:], *(k.value for k in node.keywords)]
            if unparse(node.args[0]) == key and any(_uses_loaded(v, recv, loaded) for v in values):
                return node
    return None


def _loaded_names(node: ast.AST, recv: tuple) -> set[str]:
    """Names bound (through any chain of assignments and loops) from an awaited load."""
    bindings = [(t, v) for n in ast.walk(node) for t, v in _binding(n)]
    loaded: set[str] = set()
    for _ in range(4):
        before = len(loaded)
        loaded |= {name for target, value in bindings if _uses_loaded(value, recv, loaded)
                   for name in _target_names(target)}
        if len(loaded) == before:
            break
    return loaded


def _binding(node: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    if isinstance(node, ast.Assign):
        return [(t, node.value) for t in node.targets]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
        return [(node.target, node.value)]
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return [(node.target, node.iter)]
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [(item.optional_vars, item.context_expr) for item in node.items if item.optional_vars is not None]
    return []


def _target_names(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _uses_loaded(value: ast.expr, recv: tuple, loaded: set[str]) -> bool:
    """The expression awaits a load (not of `recv`) or reads a loaded name. What an action
    returns (`await provider.create_checkout(course.price)`) is not a loaded copy, whatever its
    arguments were."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id in loaded:
            return True
        if isinstance(node, ast.Await) and isinstance(node.value, ast.Call):
            parts = dotted(node.value.func) or ()
            if parts and parts[-1].lstrip("_").split("_")[0] in ACTS:
                continue
            if parts and tuple(parts[:-1]) != recv:
                return True
        stack.extend(ast.iter_child_nodes(node))
    return False
