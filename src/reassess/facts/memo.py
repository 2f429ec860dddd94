"""Code in a loop body memoised per key: it runs once per distinct key, not once per item.

`extra["loops"][line]["memo"]` lists the spans `[line, col, end_line, end_col]` of such blocks:

    for model in models:
        if model.provider_id not in providers:          # the body is listed
            providers[model.provider_id] = await load(model.provider_id)

A block counts when its `if` tests `key not in cache` (or `cache.get(key) is None`) and the
block stores a call's result, `cache[key] = await load(key)`: items that share a key pay one
lookup (a per-key row built around a lookup is a grouping, not a cache, and is not listed). A key that is the item
itself or its own id (`row`, `row.id`, `ids[row.id]`) is distinct for every item, so that memo
never hits and the block still runs once per item: it is not listed.

`memo_hit_end(node)` is the same idea for a whole function: the last line of a statement of its
body that returns a stored result on a hit (`if key in _APPS: return _APPS[key]`, or `hit =
_APPS.get(key)` then `if hit is not None: return hit`). What the function does after that line
runs only on a miss: once per distinct key, not once per call.
"""
from __future__ import annotations

import ast

from .visitor import own_statements

_OWN_IDS = frozenset({"id", "pk", "uuid"})


def memo_spans(loop: ast.For | ast.AsyncFor, targets: set[str]) -> list[list[int]]:
    """The blocks of `loop`'s body guarded by a cache-miss test on a key shared between items."""
    spans: list[list[int]] = []
    bound: dict[str, ast.expr] = {}
    for node in own_statements(loop.body):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound[node.targets[0].id] = node.value
        elif isinstance(node, ast.If) and node.body:
            key = _guarded_key(node)
            if key is not None and not _own_identity(key, bound, targets):
                last = node.body[-1]
                spans.append([node.body[0].lineno, node.body[0].col_offset, last.end_lineno or last.lineno,
                              last.end_col_offset or 0])
    return spans


def _guarded_key(node: ast.If) -> ast.expr | None:
    """The key of `if key not in cache:` / `if cache.get(key) is None:` when the body stores `cache[key]`."""
    test = node.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    key = cache = None
    if isinstance(test.ops[0], ast.NotIn):
        key, cache = test.left, test.comparators[0]
    elif isinstance(test.ops[0], ast.Is) and _is_none(test.comparators[0]) and isinstance(test.left, ast.Call):
        call = test.left
        if isinstance(call.func, ast.Attribute) and call.func.attr == "get" and call.args:
            key, cache = call.args[0], call.func.value
    if key is None or not _stores(node.body, cache, key):
        return None
    return key


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _stores(body: list[ast.stmt], cache: ast.expr, key: ast.expr) -> bool:
    """Whether `body` stores a lookup's own result, `cache[key] = await load(key)`, at its top
    level: a cache of that lookup. A row built per key (`totals[key] = {"name": row.name, ...}`)
    is a grouping that happens to look each key up, and stays one lookup per group."""
    want = (ast.dump(cache), ast.dump(key))
    return any(isinstance(stmt, (ast.Assign, ast.AnnAssign)) and _a_call(stmt.value) and any(
        isinstance(t, ast.Subscript) and (ast.dump(t.value), ast.dump(t.slice)) == want
        for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])) for stmt in body)


def _a_call(value: ast.expr | None) -> bool:
    return isinstance(value.value if isinstance(value, ast.Await) else value, ast.Call)


def _own_identity(key: ast.expr, bound: dict[str, ast.expr], targets: set[str], depth: int = 0) -> bool:
    """Whether `key` is distinct per item: the loop variable itself or its own id (`row.id`,
    `row["id"]`), directly, through a mapping of it (`ids[row.id]`) or through a local bound
    earlier in the body (`db_id = ids[row.id]`)."""
    if depth > 3:
        return False
    if isinstance(key, ast.Name):
        if key.id in targets:
            return True
        return key.id in bound and _own_identity(bound[key.id], bound, targets, depth + 1)
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):
        return key.value.id in targets and key.attr in _OWN_IDS
    if isinstance(key, ast.Subscript):
        if isinstance(key.value, ast.Name) and key.value.id in targets:
            return isinstance(key.slice, ast.Constant) and key.slice.value in _OWN_IDS
        return _own_identity(key.slice, bound, targets, depth + 1)
    return False


def memo_hit_end(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The end line of the first statement of the function's own body that returns a stored
    result on a hit, 0 when there is none (see the module). The test may add conditions
    (`if key in _APPS and not refresh:`): the hit still returns before the work below."""
    fetched: dict[str, str] = {}  # `hit = store.get(key)`: the local and the store it reads
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            store = _get_from(stmt.value)
            if store:
                fetched[stmt.targets[0].id] = store
        elif isinstance(stmt, ast.If) and stmt.body and isinstance(stmt.body[-1], ast.Return) \
                and _returns_hit(stmt.test, stmt.body[-1].value, fetched):
            return stmt.end_lineno or stmt.lineno
    return 0


def _get_from(value: ast.expr | None) -> str:
    """`store.get(key)` -> the store's dotted text ("" otherwise)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" \
            and value.args:
        return ast.unparse(value.func.value)
    return ""


def _returns_hit(test: ast.expr, returned: ast.expr | None, fetched: dict[str, str]) -> bool:
    """The test finds the key in a store and the branch returns what the store holds for it."""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    for part in parts:
        if isinstance(part, ast.Compare) and len(part.ops) == 1 and isinstance(part.ops[0], ast.In) \
                and isinstance(returned, ast.Subscript) \
                and ast.dump(returned.value) == ast.dump(part.comparators[0]) \
                and ast.dump(returned.slice) == ast.dump(part.left):
            return True
        subject = part.left if isinstance(part, ast.Compare) and len(part.ops) == 1 \
            and isinstance(part.ops[0], ast.IsNot) and _is_none(part.comparators[0]) else part
        if isinstance(subject, ast.NamedExpr) and _get_from(subject.value):
            fetched = {**fetched, subject.target.id: _get_from(subject.value)}
            subject = subject.target
        if isinstance(subject, ast.Name) and subject.id in fetched and isinstance(returned, ast.Name) \
                and returned.id == subject.id:
            return True
    return False
