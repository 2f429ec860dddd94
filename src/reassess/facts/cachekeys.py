"""Cache-aside keys that leave out an input of the cached value.

`extra["cache_keys"]` for a function that reads a cache by a key and writes the value it
computed under the same key (`cached = await self._redis.get(key)` ... `await
self._redis.set(key, value)`), when the key is built in the function from an f-string, a
string literal or a key helper's arguments and a scalar parameter (`season_id: int`, or a collection of scalars,
`meter_ids: list[int]`) shapes the value (it is
passed to a call that computes it, or an access check after a served hit compares it with the
loaded data) but appears nowhere in the key, or so does an identifier read
off an object parameter the key never uses (`principal.customer_id`) or uses only through other
fields (`user.site_ids` under a key holding `user.role`): [{"line", "end" (of the
key), "key" (its text), "missing" (the parameters and identifiers), "read" (line of the cache read)}].
Two calls that differ only in that parameter then share one entry: the second gets the
first one's value. Only functions whose calls show a read and a write on one cache-like
receiver are walked.

`extra["cache_unexpiring"]` for the same read-then-write on a Redis client where the write
sets no expiry (`await self.redis.set(key, json.dumps(slots))`: no `ex`/`px`, no `expire`
of the key), whether a hit returns early or the miss branch (`if raw is None:`) fills the
entry: [{"line", "end" (of the write), "key" (its text), "read" (line of the read)}]; on an
attribute named like a cache but not like Redis (`self._cache`), also "attr" (its name): whether
it holds a Redis client is for the rule to learn from the class.
"""
from __future__ import annotations

import ast
from typing import Any, Callable, Iterator

from ..knowledge.expiry import EXPIRE_CALLS, EXPIRY_KWARGS
from .types import FunctionFacts
from .values import dotted, unparse

_READS = frozenset({"get", "hget", "get_json"})
_WRITES = frozenset({"set", "setex", "hset", "set_json", "put"})
_STORE_WRITES = frozenset({"set", "setex", "set_json"})
# a project cache's own accessors (`get_copy(key)`, `set_entry(key, value)`) read and write the same way
_READ_PREFIX, _WRITE_PREFIX = "get_", "set_"
_RECEIVER_HINTS = ("cache", "redis", "memcache", "valkey", "keydb")
# parameter annotations of values a key is made of (a session, client or callback is not)
_SCALARS = frozenset({"int", "str", "UUID", "uuid.UUID", "date", "datetime", "bool", "float", "Decimal"})
_NOT_INPUTS = frozenset({"len", "print", "isinstance"})
_LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})
# a parameter holding the digest of the content itself: a key made of it names the value exactly
_CONTENT_DIGESTS = frozenset({"sha256", "sha1", "sha512", "md5", "blake2b", "checksum", "content_hash",
                              "content_sha256", "content_digest", "etag"})


def named_like_cache(name: str) -> bool:
    """A receiver named like a cache (`self._redis`, `cache`, `memcache_client`), or a call making one."""
    lowered = name.lower()
    return any(h in lowered for h in _RECEIVER_HINTS)


def _reads(method: str) -> bool:
    return method in _READS or method.startswith(_READ_PREFIX) and method != "get_many"


def _writes(method: str) -> bool:
    return method in _WRITES or method.startswith(_WRITE_PREFIX) and method != "set_many"


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill `extra["cache_keys"]` (see the module) when the calls show a cache read and write."""
    _note_loader_keys(node, func)
    _note_key_builder(node, func)
    _note_unread_inputs(node, func)
    receivers = _cache_receivers(func)
    if not receivers:
        return
    _note_unexpiring(node, func, receivers)
    scalars = {p.name for p in func.params if _keyish(p.annotation)}
    params = scalars | {p.name for p in func.params if p.name not in ("self", "cls")}
    if not params:
        return
    inputs = _value_inputs(node, receivers)
    named = _named_params(func)
    found = []
    for read in _calls(node, receivers, _reads):
        key = _read_key(node, read, named)
        if key is None or not _cache_aside(node, receivers, read):
            continue
        keyed = _names_behind(node, key) | _field_names(read) | _read_switches(node, read) | _scope_names(node, read)
        if keyed & params & _CONTENT_DIGESTS:
            continue  # content-addressed: the other parameters say where the bytes are, not which
        checked = _checked_against_value(node, read, scalars)
        missing = _unkeyed(node, func, params - keyed, scalars, (inputs[0] | checked, inputs[1]))
        missing += _other_fields(key, params - scalars, inputs[1], missing)
        if missing:
            found.append({"line": key.lineno, "end": key.end_lineno or key.lineno, "key": unparse(key)[:80],
                          "missing": missing, "read": read.lineno})
    if found:
        func.extra.setdefault("cache_keys", []).extend(found)


def _note_key_builder(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """`extra["key_builder_drops"]` for a function whose whole body returns one string built from
    its parameters (`return f"quote:{branch_id}:{vehicle_class}"`) while a scalar parameter it
    declares is read nowhere (`starts_at`): {"line", "end" (of the return), "key" (its text),
    "missing"}. Whether the string is a cache key is its callers' to show (RA240)."""
    body = node.body[1:] if func.has_docstring else node.body
    if len(body) != 1 or type(body[0]) is not ast.Return or body[0].value is None:
        return
    built = body[0].value
    if not (type(built) is ast.JoinedStr and any(type(v) is ast.FormattedValue for v in built.values)
            or _text_joined(built)):
        return
    loaded = {n.id for n in ast.walk(built) if type(n) is ast.Name}
    missing = [p.name for p in func.params if p.kind not in ("vararg", "kwarg") and _keyish(p.annotation)
               and p.name not in loaded and not p.name.startswith("_")]
    if loaded:
        func.extra["key_builder"] = {"line": body[0].lineno, "end": body[0].end_lineno or body[0].lineno,
                                     "key": unparse(built)[:80]}
    if missing and loaded:
        func.extra["key_builder_drops"] = {"line": body[0].lineno, "end": body[0].end_lineno or body[0].lineno,
                                           "key": unparse(built)[:80], "missing": missing}


_LOADING_HELPERS = ("get_or_set", "get_or_load", "remember", "memoize")


def _note_loader_keys(node: ast.AST, func: FunctionFacts) -> None:
    """A get-or-load cache helper handed a key and the loader that computes the value on a miss
    (`await cached_json(f"suggest:{prefix}", ttl=30, loader=lambda: svc.titles(workspace_id,
    prefix))`, `cache.get_or_set(key, lambda: ...)`): scalar parameters the loader uses and the key
    leaves out, recorded like a cache-aside key of this function."""
    scalars = {p.name for p in func.params if _scalar(p.annotation)}
    if not scalars or not any(c.func and _loading_name(c.func[-1]) for c in func.calls):
        return  # the walk below only when the recorded calls show such a helper
    nested: dict[str, list[ast.AST]] = {}
    for d in ast.walk(node):
        if type(d) in (ast.FunctionDef, ast.AsyncFunctionDef) and d is not node:
            nested.setdefault(d.name, []).append(d)
    found = [entry for call in ast.walk(node) if type(call) is ast.Call and _loading_helper(call.func)
             for entry in _loader_key(node, call, scalars, nested)]
    if found:
        func.extra.setdefault("cache_keys", []).extend(found)


def _loader_key(node: ast.AST, call: ast.Call, scalars: set[str],
                nested: dict[str, list[ast.AST]]) -> list[dict[str, Any]]:
    """The entry for one get-or-load call with one key (an f-string, or a local built from a key
    helper's arguments: `key = cache.key("samples", status)`) and one loader (a lambda, or a function
    defined in this one and handed by name: `get_or_load(key, ttl, load)`), when the loader uses a
    scalar parameter the key leaves out; [] otherwise."""
    args = [*call.args, *(k.value for k in call.keywords)]
    loaders = [used for a in args for used in [_loader_names(nested, a)] if used is not None]
    keys = [a for a in args if type(a) is ast.JoinedStr]
    if not keys:
        named = [k.value for k in call.keywords if k.arg == "key"] or call.args[:1]
        keys = [key for key in (_key_expr(node, a, set()) for a in named if type(a) is ast.Name) if key is not None
                and type(key) is not ast.Constant]
    if len(loaders) != 1 or len(keys) != 1:
        return []
    missing = sorted((loaders[0] & scalars) - _names_behind(node, keys[0]))
    if not missing:
        return []
    return [{"line": keys[0].lineno, "end": keys[0].end_lineno or keys[0].lineno,
             "key": unparse(keys[0])[:80], "missing": missing, "read": call.lineno}]


def _loader_names(nested: dict[str, list[ast.AST]], arg: ast.expr) -> set[str] | None:
    """The names a loader argument reads: a lambda's body, or the body of a function this one
    defines (`nested`, by name) and hands over by name (less its own parameters); None for any
    other argument."""
    if type(arg) is ast.Lambda:
        return {n.id for n in ast.walk(arg.body) if type(n) is ast.Name}
    if type(arg) is not ast.Name:
        return None
    defs = nested.get(arg.id, [])
    if len(defs) != 1:
        return None
    own = {a.arg for a in ast.walk(defs[0].args) if type(a) is ast.arg}
    return {n.id for stmt in defs[0].body for n in ast.walk(stmt) if type(n) is ast.Name} - own


def _loading_helper(callee: ast.expr) -> bool:
    """A function or method named as a cache that loads on a miss (`cached_json`, `get_or_set`)."""
    name = callee.attr if type(callee) is ast.Attribute else callee.id if type(callee) is ast.Name else ""
    return _loading_name(name)


def _note_unread_inputs(node: ast.AST, func: FunctionFacts) -> None:
    """`extra["cache_unread_params"]`: scalar parameters a cache accessor declares and never reads
    (`get_summary(self, tenant_id, start, end)` keyed by `_summary_key(start, end)`). Its callers
    pass the input, the key it looks up ignores it (RA240 follows the key to its helper). Walked
    only when the calls show a keyed command on a cache-like receiver."""
    scalars = {p.name for p in func.params if _keyish(p.annotation) and not p.name.startswith("_")}
    if not scalars or not any(c.func and len(c.func) > 1 and (_reads(c.func[-1]) or _writes(c.func[-1]))
                              and named_like_cache(c.func[-2]) for c in func.calls):
        return
    unread = scalars - {n.id for n in ast.walk(node) if type(n) is ast.Name and type(n.ctx) is ast.Load}
    if unread:
        func.extra["cache_unread_params"] = sorted(unread)


def _loading_name(name: str) -> bool:
    return "cache" in name.lower() or name in _LOADING_HELPERS


def _checked_against_value(func: ast.AST, read: ast.Call, scalars: set[str]) -> set[str]:
    """Scalar parameters an access check compares with the loaded data (`if token !=
    show.feed_token: raise Forbidden`) after a hit was served: a hit skips the check, so whoever
    fills the entry decides what every later caller gets, checked or not."""
    found: set[str] = set()
    served = min((r.lineno for r in ast.walk(func) if type(r) is ast.Return and r.lineno > read.lineno), default=0)
    for branch in ast.walk(func):
        if type(branch) is not ast.If or not served or branch.lineno <= served \
                or not any(type(stmt) is ast.Raise for stmt in branch.body):
            continue
        names = {n.id for n in ast.walk(branch.test) if type(n) is ast.Name}
        loaded = any(type(n) in (ast.Attribute, ast.Subscript) and type(n.value) is ast.Name
                     and n.value.id not in scalars and n.value.id != "self" for n in ast.walk(branch.test))
        if loaded:
            found |= names & scalars
    return found


def _read_switches(node: ast.AST, read: ast.Call) -> set[str]:
    """Names tested by an `if` around the cache read (`if not bypass_cache:`, `if use_cache:`): they
    decide whether the cache is consulted, not what the value is, so the key needs none of them."""
    found: set[str] = set()
    for branch in ast.walk(node):
        if type(branch) is ast.If and any(read is inner for stmt in branch.body for inner in ast.walk(stmt)):
            found |= {n.id for n in ast.walk(branch.test) if type(n) is ast.Name}
    return found


# collections whose items are scalars select the value as much as one scalar does (`meter_ids: list[int]`)
_KEY_COLLECTIONS = frozenset({"list", "List", "tuple", "Tuple", "set", "Set", "frozenset", "FrozenSet", "Sequence",
                              "Collection", "Iterable", "AbstractSet"})


def _keyish(annotation: str) -> bool:
    """A scalar, or a collection of scalars (`list[int]`, `Sequence[UUID]`, `tuple[str, ...]`)."""
    text = annotation.replace(" ", "")
    head, _, inner = text.partition("[")
    if head.rsplit(".", 1)[-1] in _KEY_COLLECTIONS and inner.endswith("]"):
        items = [part for part in inner[:-1].split(",") if part != "..."]
        return bool(items) and all(_scalar(part) for part in items)
    return _scalar(annotation)


def _scalar(annotation: str) -> bool:
    text = annotation.replace(" ", "")
    parts = text.split("|")
    return bool(text) and all(p in _SCALARS or p == "None" for p in parts) and any(p != "None" for p in parts)


def _cache_receivers(func: FunctionFacts) -> set[tuple[str, ...]]:
    """Receivers named like a cache (`self._redis`, `cache`) that the function both reads and writes."""
    methods = [(c.func[:-1], c.func[-1]) for c in func.calls if c.func and len(c.func) > 1]
    reads = {receiver for receiver, method in methods if _reads(method)}
    writes = {receiver for receiver, method in methods if _writes(method)}
    writes |= {_owner(r) for r in writes if _owner(r)}  # `cache.redis.set(...)` writes `cache`'s store
    # `.set(key, value)` beside `.get(key)` is a keyed store's API (a dict is written `d[key] = v`):
    # a cache whatever its name (`self._tables = TTLCache(...)`), once the cache-aside shape is shown
    stores = {receiver for receiver, method in methods if method in _STORE_WRITES}
    return {r for r in reads & writes if named_like_cache(r[-1]) or r in stores}


def _owner(receiver: tuple[str, ...]) -> tuple[str, ...]:
    """`self.cache` for `self.cache.redis`: the cache object whose Redis client is written
    directly, bypassing the accessors read through it (); () for any other receiver."""
    redis = len(receiver) > 1 and any(h in receiver[-1].lower() for h in _REDIS_HINTS)
    return receiver[:-1] if redis else ()


def _dotted(node: ast.expr) -> tuple[str, ...]:
    """`self._redis` -> ("self", "_redis"); () for anything but names and attributes."""
    parts = dotted(node)
    return parts if parts and "[]" not in parts else ()


def _calls(node: ast.AST, receivers: set[tuple[str, ...]], methods: Callable[[str], bool]) -> list[ast.Call]:
    return [c for c in ast.walk(node) if type(c) is ast.Call and type(c.func) is ast.Attribute
            and methods(c.func.attr) and _dotted(c.func.value) in receivers]


def _named_params(func: FunctionFacts) -> set[str]:
    """The parameters passed by position or name (not `*args`, `**kwargs`)."""
    return {p.name for p in func.params if p.kind not in ("vararg", "kwarg")}


def _read_key(func: ast.AST, read: ast.Call, params: set[str]) -> ast.expr | None:
    """The key of a cache read as built (see `_key_expr`); None for a key in several parts
    (`get(tenant_id, slug)`), not its first alone."""
    if not read.args or len(read.args) > 1 and type(read.args[0]) is ast.Name:
        return None
    return _key_expr(func, read.args[0], params)


def _key_expr(func: ast.AST, arg: ast.expr, params: set[str]) -> ast.expr | None:
    """The key as built: the f-string, `+`/`%` text or key-helper call itself, or the one
    assignment of the local holding it, or a parameter (of `params`, the function's named ones)
    used as the key. None when built any other way (the parts cannot be told)."""
    if type(arg) is ast.Name:
        bound = [n.value for n in ast.walk(func) if type(n) in (ast.Assign, ast.AnnAssign) and n.value is not None
                 and any(type(t) is ast.Name and t.id == arg.id for t in _targets(n))]
        if not bound and arg.id in params and "key" not in arg.id.lower():
            return arg  # the parameter is the key (`tables.get(jurisdiction)`); a `key` handed in was built apart
        if len(bound) != 1:
            return None
        arg = bound[0]
    if type(arg) is ast.JoinedStr and any(type(v) is ast.FormattedValue for v in arg.values):
        return arg
    if type(arg) is ast.Call and (arg.args or arg.keywords):
        return arg
    if _text_joined(arg):
        return arg  # `"zone:" + zone`, `"rate:%s:%s" % (a, b)`
    if type(arg) is ast.Constant and isinstance(arg.value, str):
        return arg  # one fixed key (`"dashboard:status"`): every input of the value is left out
    return None


def _text_joined(node: ast.expr) -> bool:
    """A `+` / `%` chain with a string literal among its operands: a key built from text and values."""
    if type(node) is not ast.BinOp or type(node.op) not in (ast.Add, ast.Mod):
        return False
    parts = [node.left, node.right]
    while parts:
        part = parts.pop()
        if type(part) is ast.Constant and isinstance(part.value, str):
            return True
        if type(part) is ast.BinOp and type(part.op) is type(node.op):
            parts += [part.left, part.right]
    return False


def _targets(stmt: ast.Assign | ast.AnnAssign | ast.NamedExpr) -> list[ast.expr]:
    return stmt.targets if type(stmt) is ast.Assign else [stmt.target]


def _cache_aside(func: ast.AST, receivers: set[tuple[str, ...]], read: ast.Call) -> bool:
    """The read is cache-aside: a write under the same key stores a value computed apart from
    what the read returned, and either a hit is returned early or the miss branch fills the
    entry. A counter or running total read, changed and written back (`set(key, used + n)`) is
    state, not a cached copy of something else, and its key says nothing about the value's inputs."""
    holders = _holders(func, read)
    bound = [t.id for n in ast.walk(func) if type(n) in (ast.Assign, ast.AnnAssign, ast.NamedExpr)
             for t in _targets(n) if type(t) is ast.Name]
    kept = {h for h in holders if bound.count(h) == 1}
    writes = [w for w in _calls(func, receivers, _writes) if not _written_from(w, kept)]
    return bool(_aside_writes(func, read, holders, writes))


def _aside_writes(func: ast.AST, read: ast.Call, holders: set[str], writes: list[ast.Call]) -> list[ast.Call]:
    """The `writes` under the read's key that fill the entry it reads (cache-aside): a hit is
    returned early, or the write sits in the branch taken on a miss."""
    key = unparse(read.args[0])
    keyed = [w for w in writes if _keyed(w, key)]
    if keyed and _hit_returned(func, read, holders):
        return keyed
    return [w for w in keyed if _filled_on_miss(func, holders, w)]


def _written_from(write: ast.Call, holders: set[str]) -> bool:
    """The written value is computed from what the read returned (`set(key, int(current) - 1)`);
    a holder bound again (`raw = await load()` on the miss) holds the computed value instead."""
    return any(type(n) is ast.Name and n.id in holders for arg in write.args[1:] for n in ast.walk(arg))


def _field_names(read: ast.Call) -> set[str]:
    """The names of a hash read's field (`hget(f"plan:{plan_id}", member_id)`): part of its key."""
    if read.func.attr != "hget" or len(read.args) < 2:  # type: ignore[attr-defined]
        return set()
    return {n.id for n in ast.walk(read.args[1]) if type(n) is ast.Name}


# Keywords of a cache read that say how long or what to return on a miss, not which entry is read.
_UNSCOPING_KEYWORDS = frozenset({"default", "ttl", "expire", "expires", "expiration", "timeout", "ex", "px"})


def _scope_names(func: ast.AST, read: ast.Call) -> set[str]:
    """The names behind the read's other keyword arguments (`cache.get(key, base_key=provider.lookup_key)`,
    `namespace=tenant_id`, `checksum=token`): the entry is looked up (or validated) by them as well
    as by the key, so an input they carry is part of the lookup."""
    return _names_behind(func, *(kw.value for kw in read.keywords if kw.arg and kw.arg not in _UNSCOPING_KEYWORDS))


def _names_behind(func: ast.AST, *keys: ast.expr) -> set[str]:
    """The names the keys are made of, and the names behind the locals they use (`day = start.date()`).
    Following locals back distributes over the keys, so several keys share one walk of the function."""
    names = {n.id for key in keys for n in ast.walk(key) if type(n) is ast.Name}
    if not names:
        return names
    assigns = [n for n in ast.walk(func) if type(n) in (ast.Assign, ast.AnnAssign, ast.NamedExpr)
               and n.value is not None]
    for _ in range(3):
        more = {n.id for a in assigns if any(type(t) is ast.Name and t.id in names for t in _targets(a))
                for n in ast.walk(a.value) if type(n) is ast.Name}
        if more <= names:
            break
        names |= more
    return names


def _value_inputs(func: ast.AST, receivers: set[tuple[str, ...]]) -> tuple[set[str], set[str]]:
    """(names, identifiers) handed to the calls that compute something: the names used in their
    arguments, and the identifiers read off a name there (`principal.customer_id`, `user.id`)."""
    names, identifiers = _branch_selectors(func), set()
    for n in (n for arg in _value_args(func, receivers) for n in ast.walk(arg)):
        if type(n) is ast.Name:
            names.add(n.id)
        elif type(n) is ast.Attribute and type(n.value) is ast.Name and _identifier(n.attr):
            identifiers.add(f"{n.value.id}.{n.attr}")
    return names, identifiers | _filter_identifiers(func, receivers)


def _filter_identifiers(func: ast.AST, receivers: set[tuple[str, ...]]) -> set[str]:
    """Identifiers a comprehension filters the rows by before the write (`[r for r in rows if
    r["team_id"] in principal.team_ids]`): the cached list is that caller's share of the rows."""
    last = max((w.lineno for w in _calls(func, receivers, _writes)), default=0)
    return {f"{n.value.id}.{n.attr}" for comp in ast.walk(func) if type(comp) in _COMPREHENSIONS
            and comp.lineno <= last for gen in comp.generators for test in gen.ifs for n in ast.walk(test)
            if type(n) is ast.Attribute and type(n.value) is ast.Name and _identifier(n.attr)}


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _value_args(func: ast.AST, receivers: set[tuple[str, ...]]) -> Iterator[ast.expr]:
    """The arguments of the calls that compute something (a loader, a query, a formatter): every
    call but the cache's own, logging and those in a raised error's text."""
    raised = {id(n) for r in ast.walk(func) if type(r) is ast.Raise for n in ast.walk(r)}
    raised |= {id(n) for n in _discarded_calls(func)}
    # a call after the last write cannot shape what was stored (`convert(hit["price"], currency)` on the way out)
    last = max((w.lineno for w in _calls(func, receivers, _writes)), default=0)
    for call in ast.walk(func):
        if type(call) is ast.Call and id(call) not in raised and call.lineno <= last and not _ignored(call, receivers):
            yield from call.args
            yield from (k.value for k in call.keywords)


def _branch_selectors(func: ast.AST) -> set[str]:
    """Names tested by an `if` whose branch rebinds a local (`if units == "imperial": result =
    to_imperial(result)`): they choose which value is built, so they shape it like an argument."""
    found: set[str] = set()
    for branch in ast.walk(func):
        if type(branch) is ast.If and any(type(n) is ast.Assign and any(type(t) is ast.Name for t in n.targets)
                                          for stmt in branch.body for n in ast.walk(stmt)):
            found |= {n.id for n in ast.walk(branch.test) if type(n) is ast.Name}
    return found


_FILLS = frozenset({"append", "extend", "update", "add", "insert", "setdefault", "appendleft"})


def _discarded_calls(func: ast.AST) -> Iterator[ast.AST]:
    """The nodes of calls whose result is thrown away (`await authorize(tenant_id, api_key)`): a
    check or a side effect, not a computation of the value, so their arguments do not shape it.
    Filling a container (`rows.append(await load(day))`) does compute it."""
    for stmt in ast.walk(func):
        value = stmt.value if type(stmt) is ast.Expr else None
        value = value.value if type(value) is ast.Await else value
        if type(value) is ast.Call and not (type(value.func) is ast.Attribute and value.func.attr in _FILLS):
            yield from ast.walk(value)


def _unkeyed(node: ast.AST, func: FunctionFacts, left_out: set[str], scalars: set[str],
             inputs: tuple[set[str], set[str]]) -> list[str]:
    """What the cached value depends on that the key leaves out: the scalar parameters used to
    build it or handed over with the loader that builds it, then the identifiers read off an
    object parameter and used to build it (the value is the caller's own, their accounts or
    their feed; the key is everyone's)."""
    names, identifiers = inputs
    params = sorted(p for p in left_out & scalars if p in names or _left_to_loader(node, p, func))
    return params + sorted(i for i in identifiers if i.split(".", 1)[0] in left_out - scalars)


def _identifier(attr: str) -> bool:
    return attr == "id" or attr.endswith(("_id", "_ids"))


def _other_fields(key: ast.expr, objects: set[str], identifiers: set[str], missing: list[str]) -> list[str]:
    """Identifiers read off an object parameter that the key uses only through other fields
    (`f"access:{study_id}:{user.role}"` while the value is computed from `user.site_ids`): the key
    tells users apart by role, the value differs per user's sites. A key holding the object's own
    `id` (a principal's `user_id`) tells every object apart."""
    fields: dict[str, set[str]] = {}
    for n in ast.walk(key):
        if type(n) is ast.Attribute and type(n.value) is ast.Name:
            fields.setdefault(n.value.id, set()).add(n.attr)
    attrs = {id(n.value) for n in ast.walk(key) if type(n) is ast.Attribute}
    bare = {n.id for n in ast.walk(key) if type(n) is ast.Name and id(n) not in attrs}
    found = []
    for ident in sorted(identifiers):
        root, _, attr = ident.partition(".")
        if root in objects and root in fields and root not in bare and attr not in fields[root] \
                and not fields[root] & _OWN_IDS and ident not in missing:  # `user.id` keys the whole object
            found.append(ident)
    return found


# fields naming the object itself (a principal's `user_id`), not a group it belongs to (`org_id`)
_OWN_IDS = frozenset({"id", "user_id", "uid", "sub"})


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


_REDIS_HINTS = ("redis", "valkey", "keydb")
_SETS = frozenset({"set", "hset", "set_json"})  # the writes that may set no expiry


def _note_unexpiring(node: ast.AST, func: FunctionFacts, receivers: set[tuple[str, ...]]) -> None:
    """Cache-aside writes on a Redis client that leave the entry without an expiry."""
    found = []
    redis = {r for r in receivers if any(h in r[-1].lower() for h in _REDIS_HINTS)}
    clients = {_owner(r): r for r in _written_clients(node) if _owner(r) in receivers}
    # `self._cache` named like a cache only: recorded with its name, for the rule to learn its type
    attrs = {r for r in receivers if len(r) == 2 and r[0] == "self"} - redis - set(clients)
    for read in _calls(node, redis | set(clients) | attrs, _reads):
        source = _dotted(read.func.value)
        stores = {source, clients.get(source, source)}
        if not read.args or _expired_apart(node, read, stores):
            continue
        writes = [w for w in _calls(node, stores, _SETS.__contains__)
                  if w.lineno > read.lineno and not _sets_expiry(w)]
        typed = {"attr": source[1]} if source in attrs else {}
        found += [{"line": w.lineno, "end": w.end_lineno or w.lineno, "key": unparse(read.args[0])[:80],
                   "read": read.lineno, **typed} for w in _aside_writes(node, read, _holders(node, read), writes)]
    if found:
        func.extra["cache_unexpiring"] = found


def _written_clients(node: ast.AST) -> set[tuple[str, ...]]:
    """The receivers of the function's `set`/`hset` writes (`self.cache.redis`)."""
    return {_dotted(c.func.value) for c in ast.walk(node) if type(c) is ast.Call and type(c.func) is ast.Attribute
            and c.func.attr in _SETS}


def _expired_apart(func: ast.AST, read: ast.Call, stores: set[tuple[str, ...]]) -> bool:
    """`expire(key, ...)` (or `setex`) on the read's client (or the Redis client of the cache it
    reads through) and key gives the entry its lifetime apart from the write."""
    key = unparse(read.args[0])
    return any(_keyed(c, key) for c in _calls(func, stores, EXPIRE_CALLS.__contains__))


def _keyed(call: ast.Call, key: str) -> bool:
    """The call's first argument is the key written as `key`."""
    return bool(call.args) and unparse(call.args[0]) == key


def _sets_expiry(write: ast.Call) -> bool:
    """The write gives the entry a lifetime: a third positional argument or an expiry keyword
    (`ex=`, `px=`, `keepttl=`), or a `**options` that may hold one."""
    return len(write.args) > 2 or any(k.arg is None or k.arg in EXPIRY_KWARGS for k in write.keywords)


def _hit_returned(func: ast.AST, read: ast.Call, holders: set[str]) -> bool:
    """Cache-aside: the read's result (held in `holders`) decides an early `return` (`cached =
    await r.get(k)`, then `if cached: return json.loads(cached)`, or the read inside that `if`'s
    test). A stored cursor or counter read and written back is state, not a cache."""
    for test in (n for n in ast.walk(func) if type(n) is ast.If):
        names = {sub.id for sub in ast.walk(test.test) if type(sub) is ast.Name}
        tested = holders & names or any(sub is read for sub in ast.walk(test.test))
        if tested and any(type(stmt) is ast.Return for stmt in test.body):
            return True
    return False


def _filled_on_miss(func: ast.AST, holders: set[str], write: ast.Call) -> bool:
    """Cache-aside written the other way round: the value is computed and written inside the
    branch taken when the read (held in `holders`) found nothing (`body = await r.get(k)`, `if
    body is None: ... await r.set(k, body)`), and the one value is answered after it."""
    for test in (n for n in ast.walk(func) if type(n) is ast.If):
        kind = _none_test(test.test, holders)
        branch = test.body if kind == "missing" else test.orelse if kind == "present" else []
        if any(sub is write for stmt in branch for sub in ast.walk(stmt)):
            return True
    return False


def _none_test(test: ast.expr, holders: set[str]) -> str:
    """On a local holding the cache read: "missing" for `x is None` / `not x` (its body is the
    miss), "present" for `x is not None` / `x` (its `else:` is the miss); "" otherwise."""
    if type(test) is ast.Name:
        return "present" if test.id in holders else ""
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
        return "missing" if type(test.operand) is ast.Name and test.operand.id in holders else ""
    if (type(test) is ast.Compare and type(test.left) is ast.Name and test.left.id in holders
            and len(test.ops) == 1 and type(test.comparators[0]) is ast.Constant
            and test.comparators[0].value is None):
        return {ast.Is: "missing", ast.IsNot: "present"}.get(type(test.ops[0]), "")
    return ""


def _holders(func: ast.AST, read: ast.Call) -> set[str]:
    """The local names an assignment binds to a value holding `read` (`cached = await r.get(k)`)."""
    out = set()
    for n in ast.walk(func):
        if type(n) in (ast.Assign, ast.AnnAssign, ast.NamedExpr) and n.value is not None \
                and any(sub is read for sub in ast.walk(n.value)):
            out |= {t.id for t in _targets(n) if type(t) is ast.Name}
    return out
