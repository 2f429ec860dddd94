"""The keyed dicts RA227 weighs, and what the code does to them: instance attributes set in
`__init__`, class-body dicts shared by every instance, module-level dicts; each with the
functions that fill it by key, read it by key, take entries out or measure it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...knowledge.clocks import CLOCKS
from ...knowledge.queries import round_trip
from ...model.resilience import blocks as blk

CACHE_NAME = re.compile(r"cache|memo|cached", re.I)
EVICT = frozenset({"pop", "popitem", "clear", "__delitem__"})
_READS = frozenset({"get", "setdefault", "__contains__", "__getitem__"})
_BOUNDED = re.compile(r"LRUCache|TTLCache|LFUCache|ExpiringDict|TTL|lru", re.I)
CALLABLES = frozenset({"collections.abc.Callable", "typing.Callable"})  # a loader handed in, typed as a callable
_DICT_MAKERS = ("dict", "OrderedDict", "defaultdict", "collections.OrderedDict", "collections.defaultdict")


@dataclass
class Cache:
    owner: str  # class fq, or module name for a module-level dict
    attr: str  # "self._cache" or "_cache"
    path: str
    line: int
    stores: list[tuple[str, int]] = field(default_factory=list)  # (function fq, line)
    evictors: list[str] = field(default_factory=list)  # functions that pop/clear/del
    keyed: dict[str, list[int]] = field(default_factory=dict)  # function fq -> lines of `pop(k)`/`del c[k]`
    reads_by_key: bool = False
    size_checked: bool = False
    readers: list[str] = field(default_factory=list)  # functions that read it by key
    on_class: bool = False  # a class attribute: one dict shared by every instance, for the process
    stamped: bool = False  # entries stored with the time (`(info, time.time())`): expiry checked on read
    self_stores: int = 0  # stores of the instance itself (`cls.cache[self.id] = self`): an identity map
    # (path, line, name) of the one process-long dict every construction hands in (`app.state.route_cache`)
    handed_in: tuple[str, int, str] | None = None


def candidates(model, more: dict[tuple[str, str], Cache] | None = None) -> dict[tuple[str, str], Cache]:
    """Dict attributes set in `__init__`, module-level dicts, and `more` (dicts handed in), with what
    every function of their class or module does to them."""
    caches = {**(more or {}), **_declared(model)}
    holders = {holder for holder, _ in caches}  # a function reaches only its class's or module's caches
    for fq, facts, func in model.iter_functions():
        owner = f"{facts.module}.{func.class_name}" if func.class_name else ""
        if owner not in holders and facts.module not in holders:
            continue

        def lookup(target: str) -> Cache | None:
            return caches.get((owner, target)) or caches.get((facts.module, target))

        _note_stores(fq, func, lookup)
        _note_calls(model, fq, func, lookup)
    return caches


def _declared(model) -> dict[tuple[str, str], Cache]:
    caches: dict[tuple[str, str], Cache] = {}
    for _fq, facts, func in model.iter_functions():
        if func.class_name and func.name == "__init__":
            owner = f"{facts.module}.{func.class_name}"
            for attr, value in func.self_attrs.items():
                if is_dict(value):
                    caches.setdefault((owner, f"self.{attr}"), Cache(owner, f"self.{attr}", facts.path,
                                                                      _line_of(func, attr)))
    _class_level(model, caches)
    for module, facts in model.modules.items():
        for name, assign in facts.assigns.items():
            if assign.mutable and is_dict(assign.value):
                caches.setdefault((module, name), Cache(module, name, facts.path, assign.line))
    return caches


# classes whose body declarations are per-instance defaults or schema fields, not shared dicts
_FIELD_BASES = frozenset({"BaseModel", "BaseSettings", "SQLModel", "TypedDict", "NamedTuple", "Struct", "Enum",
                          "Schema", "Protocol"})


def _class_level(model, caches: dict[tuple[str, str], Cache]) -> None:
    """`_memo: dict[...] = {}` in a class body, filled through `self._memo[key] = ...`: one dict
    on the class, shared by every instance (even one built per request) and never freed. Not
    when `__init__` rebinds it per instance, nor on dataclasses, pydantic or other schema
    classes, whose body declarations are per-instance defaults."""
    for module, facts in model.modules.items():
        for cls in facts.classes.values():
            if any(d.func.rsplit(".", 1)[-1] in ("dataclass", "define", "attrs", "frozen") for d in cls.decorators) \
                    or any(b.rsplit(".", 1)[-1] in _FIELD_BASES for b in cls.bases):
                continue
            owner = f"{module}.{cls.qualname}"
            for name, value in cls.class_attrs.items():
                key = (owner, f"self.{name}")
                if is_dict(value) and key not in caches:
                    caches[key] = Cache(owner, f"self.{name}", facts.path, cls.attr_lines.get(name, cls.line),
                                         on_class=True)


def _note_stores(fq: str, func, lookup) -> None:
    """Item writes fill a cache; `del` and rebinding the attribute (outside `__init__`) empty it."""
    for store in func.extra.get("stores", ()):
        cache = lookup(store["target"])
        if cache is None or (func.name == "__init__" and store["kind"] != "del"):
            continue
        if store["kind"] != "del" and store["item"]:
            cache.stores.append((fq, store["line"]))
            cache.self_stores += store.get("value") == {"ref": "self"}
            cache.stamped |= bool(store.get("tuple")) and any(  # `(info, time.time())`, not `= time.time()`
                s.line == store["line"] and s.func and s.func[-1] in CLOCKS for s in func.calls)
        else:
            cache.evictors.append(fq)
            if store["kind"] == "del" and store["item"] and not blk.enclosing(func, store["line"], "loop"):
                cache.keyed.setdefault(fq, []).append(store["line"])


def _note_calls(model, fq: str, func, lookup) -> None:
    """`pop`/`clear` evict, `get`/`setdefault` followed by a load read by key, `len()` bounds."""
    for site in func.calls:
        if site.func == ("len",) and site.args and isinstance(site.args[0], dict):
            cache = lookup(site.args[0].get("ref", ""))
            if cache is not None:
                cache.size_checked = True
            continue
        if not site.func or len(site.func) < 2:
            continue
        target, method = ".".join(site.func[:-1]), site.func[-1]
        cache = lookup(target)
        if cache is None:
            continue
        if method in EVICT:
            cache.evictors.append(fq)
            if method in ("pop", "__delitem__") and site.args and not site.loop_line:
                cache.keyed.setdefault(fq, []).append(site.line)
        elif method in _READS:
            cache.readers.append(fq)
            if loads_between(model, fq, func, target, site.line, 0 if _hit_returned(func, site.line) else 3):
                cache.reads_by_key = True
    _note_guards(model, fq, func, lookup)


def _note_guards(model, fq: str, func, lookup) -> None:
    """Cache-aside written as a membership test (recorded for coroutines' `if` blocks): `if key
    in snapshots: return snapshots[key]` before a load stored under the key, or `if key not in
    rates: rates[key] = await fetch(key)`. A test that rejects (`raise Duplicate`) is a registry
    guard, not a cache read."""
    blocks = func.extra.get("blocks", ())
    raises = [b["line"] for b in blocks if b["kind"] == "raise"]
    for block in blocks:
        if block["kind"] != "if" or any(block["line"] <= line <= block["end"] for line in raises):
            continue
        for name in (*block.get("names", ()), *block.get("chains", ())):
            cache = lookup(name)
            if cache is None or not (block.get("exits") or _stored_inside(func, name, block)):
                continue
            # `if key in memo: return memo[key]` ... load ... `memo[key] = built`: a hit returns early,
            # so the value may be assembled from the load over several lines before it is stored
            near = 0 if block.get("exits") and _returns_item(func, name) else 3
            if loads_between(model, fq, func, name, block["line"], near):
                cache.readers.append(fq)
                cache.reads_by_key = True


def _hit_returned(func, line: int) -> bool:
    """`hit = memo.get(key)` then `if hit is not None: return hit`: a hit is served and leaves early,
    so the miss path may check and reshape the loaded value over several lines before storing it.
    (A guard that leaves with something else, `if last is not None and now - last < gap: return 0`,
    is a throttle, not a cache hit.)"""
    returned = {v.get("ref") for v in func.returns_values or () if isinstance(v, dict)}
    return any(b["kind"] == "if" and b.get("exits") and line < b["line"] <= line + 2
               and returned & set(b.get("names", ())) for b in func.extra.get("blocks", ()))


def _stored_inside(func, target: str, block: dict) -> bool:
    return any(s["target"] == target and s["item"] and block["line"] < s["line"] <= block["end"]
               for s in func.extra.get("stores", ()))


def loads_between(model, fq: str, func, target: str, read_line: int, near: int = 3) -> bool:
    """Cache-aside: after reading `target` by key the function computes or fetches a value
    (a project call, a round trip, or an awaited call of a loader the object was handed:
    `await self._loader(key)`) and then stores it under a key, within `near` lines of the load
    (any distance when `near` is 0)."""
    stores = [s["line"] for s in func.extra.get("stores", ()) if s["target"] == target and s["item"]
              and s["line"] > read_line]
    if not stores:
        return False
    miss = _miss_branch(func, read_line, stores[0])
    for edge in model.edges.get(fq, ()):
        loads = edge.target.is_project or (edge.target.kind == "external" and round_trip(edge.target.name)) \
            or edge.site.awaited and (edge.target.kind == "unresolved" or edge.target.name in CALLABLES)
        if loads and read_line < edge.site.line <= stores[0] and (not near or stores[0] <= edge.site.end_line + near
                                                                  or edge.site.line in miss):
            return True  # the fetched value is stored right after it arrives, or in the miss branch
    return False


def _miss_branch(func, read_line: int, store_line: int) -> range:
    """The lines of the `if` right after the read (`hit = memo.get(k)`, `if hit is None:`) that
    holds the store: the miss branch, where whatever it loads is what it stores."""
    for block in func.extra.get("blocks", ()):
        if block["kind"] == "if" and read_line < block["line"] <= read_line + 2 \
                and block["line"] < store_line <= block["end"]:
            return range(block["line"], block["end"] + 1)
    return range(0)


def _returns_item(func, name: str) -> bool:
    """The function returns `name[key]`: a hit served from the dict."""
    return any(isinstance(v, dict) and v.get("ref") == f"{name}.[]" for v in func.returns_values or ())


def is_dict(value) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get("literal") == "dict" and value.get("size") == 0:
        return True
    call = value.get("call", "")
    return call in _DICT_MAKERS and not _BOUNDED.search(call)


def _line_of(func, attr: str) -> int:
    for store in func.extra.get("stores", ()):
        if store["target"] == f"self.{attr}" and not store["item"]:
            return store["line"]
    return func.line
