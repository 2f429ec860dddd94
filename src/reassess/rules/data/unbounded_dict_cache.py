"""RA227 unbounded-cache: an instance or module dict used as a cache that nothing evicts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...knowledge.clocks import CLOCKS
from ...knowledge.queries import round_trip
from ...model.lifetime import instance_lifetime
from ...model.overrides import invoked_indirectly
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.trace import argument_for
from ...model.resilience.triggers import request_driven
from ..api import ProjectContext, Rule, register
from ._common import is_test_path, short

_CACHE_NAME = re.compile(r"cache|memo|cached", re.I)
_ACCESSOR_NAME = re.compile(r"cache|memo|remember", re.I)  # `cached_bio`, `remember_bio`
_EVICT = frozenset({"pop", "popitem", "clear", "__delitem__"})
_READS = frozenset({"get", "setdefault", "__contains__", "__getitem__"})
_BOUNDED = re.compile(r"LRUCache|TTLCache|LFUCache|ExpiringDict|TTL|lru", re.I)
# the settings a client is made from: one client per configured credential or endpoint
_SETTING = re.compile(r"(api_?key|token|secret|base_?url|url|endpoint|host|region|dsn)$", re.I)
_CALLABLES = frozenset({"collections.abc.Callable", "typing.Callable"})  # a loader handed in, typed as a callable
_DICT_MAKERS = ("dict", "OrderedDict", "defaultdict", "collections.OrderedDict", "collections.defaultdict")


@dataclass
class _Cache:
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


@register
class UnboundedDictCache(Rule):
    """A dict used as a cache (written by key, read by key) with no size bound, no TTL and
    no eviction that ever runs.

    What it finds:
        Instance attributes (`self._cache = {}`) and module-level dicts whose name says cache
        or memo, or that a method reads with `.get(key)` and then fills with `self.x[key] = ...`,
        when nothing reachable removes entries: no `pop`/`popitem`/`del`/`clear`, no size
        check, no `cachetools`/TTL container. An eviction method nobody calls (an
        `invalidate()` without callers) does not count, nor does dropping one key after
        writing the source (`await session.commit(); cache.pop(listing_id)`): that keeps the
        entry fresh but never bounds the number of keys. A cache on an object that lives
        briefly (every instance is a local of an ordinary function: one per call, request
        or run) is not reported; one on a module singleton, on `app.state`, on an object
        built at startup or on an object held by one of those is. A dict declared in the class
        body (`_memo: dict[...] = {}`) and filled through `self._memo[key] = ...` is one dict
        shared by every instance, so it is reported even when instances are built per request
        (not on dataclasses or pydantic models, whose body declarations are per-instance
        defaults, nor when `__init__` rebinds it per instance). Entries stored with their time
        (`(info, time.time())`) and checked on read are still reported, since an expired entry
        is never removed; the description says so rather than "no expiry". Keys from a closed set
        are not reported: literals (or a parameter every caller passes a literal), a member of a
        project `Enum` (a typed parameter, or `key = db.dialect.value` off an attribute holding one), the entries of
        a map the object already holds, a fill that runs only while the dict is empty; nor is the
        store of a memoising decorator the package offers and never applies itself. A module-level
        dict filled per item of a collection by code requests run (`for i in instances: _latest[i.id]
        = {...}`) and read by key in another function is reported like the request results above.
        A cache on an object whose holder the analysis cannot follow (kept in another object's
        attribute whose own lifetime is unknown) is said to grow for as long as that object lives,
        not for the life of the process; and a program its user runs as one process (a desktop or
        terminal program, see `model.program_kind`) has no replicas to hold other copies.

    Why it matters:
        Every distinct key stays in memory for the life of the process, and the values never
        refresh: memory grows with the key space (one entry per user, symbol or URL) and
        stale values (rates, limits, metadata) are served forever. Each replica also holds
        its own divergent copy.

    Example:
        self._fx_cache: dict[str, Decimal] = {}
        ...
        if pair not in self._fx_cache:
            self._fx_cache[pair] = await self._fetch_rate(pair)

    Instead:
        Bound it and give it a lifetime:

            self._fx_cache = cachetools.TTLCache(maxsize=1024, ttl=60)
    """

    id = "RA227"
    name = "unbounded-dict-cache"
    category = "unbounded-cache"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        caches = _candidates(model)
        ctx.examine("in-memory caches", len(caches))
        by_owner: dict[str, list[_Cache]] = {}
        for cache in caches.values():
            if _grows_unbounded(model, cache):
                by_owner.setdefault(cache.owner, []).append(cache)
        for owner in sorted(by_owner):
            yield self._finding(model, owner, sorted(by_owner[owner], key=lambda c: c.line))

    def _finding(self, model, owner: str, caches: list[_Cache]) -> Finding:
        first = caches[0]
        names = ", ".join(f"`{c.attr}`" for c in caches)
        stores = sorted(((c, fq, line) for c in caches for fq, line in c.stores), key=lambda x: (x[0].line, x[2]))
        lasting = _lasting(model, owner, caches)
        growth, severity = _growth(model, caches, lasting)
        description = (
            f"`{short(owner, 1)}` keeps {names} as {'caches' if len(caches) > 1 else 'a cache'} filled by key"
            + _lifetime_clause(caches) + _evictors_clause(*_evictors(model, caches), len(caches) > 1)
            + _class_attribute_clause(caches) + growth
            + (", and a stored value is never refreshed." if len({fq for _, fq, _ in stores}) == 1
               and not first.stamped else ".")
        )
        return self.finding(
            Location(first.path, first.line, first.line),
            f"Unbounded cache{'s' if len(caches) > 1 else ''} {names} in `{short(owner, 1)}`", description,
            related=_related(model, caches, stores), severity=severity,
            impact=self._impact(lasting, bool(single_process(model))),
            recommendation=(f"Use a bounded cache with a lifetime, e.g. `cachetools.TTLCache` (guard it with a lock "
                            f"in async code if two requests may fill it at once):\n\n"
                            f"    {first.attr} = cachetools.TTLCache(maxsize=1024, ttl=300)"),
        )

    def _impact(self, lasting: str, alone: bool) -> str:
        """The documented impact, for as long as the cache really lives, without the replicas a program
        of one process does not have."""
        return _STALE_FOREVER.format(lasting=lasting) + ("" if alone else _REPLICA_COPIES)


def _grows_unbounded(model: ProjectModel, cache: _Cache) -> bool:
    """A dict filled by key, used as a cache, that nothing empties and that lives long enough to
    grow: what is left after every reason a keyed dict stays small or is no cache at all."""
    if not cache.stores or cache.size_checked or is_test_path(cache.path):
        return False
    if cache.self_stores == len(cache.stores):
        return False  # a registry of live instances, one per object that exists anyway: not cached results
    return _used_as_cache(model, cache) and not _evicted(model, cache) and not _bounded_by_lifetime_or_keys(
        model, cache) and not _offered_decorator(model, cache)  # a memoising decorator offered like `functools.cache`


def _used_as_cache(model: ProjectModel, cache: _Cache) -> bool:
    """Named like a cache, read back by the key it is filled with, behind cache accessors, held by a
    cache class, or filled with what requests computed: a keyed dict with any of those is a cache."""
    return bool(_CACHE_NAME.search(cache.attr) or cache.reads_by_key or _cache_accessors(cache)
                or _cache_class(cache) or _request_results(model, cache))


def _evicted(model: ProjectModel, cache: _Cache) -> bool:
    """Some function that takes entries out runs: it fills the cache too, is called, or is invoked
    indirectly (a callback, a hook); and it does more than invalidate on a change (that evicts a key
    only when its source changes, not as the dict grows)."""
    return any((fq in (s[0] for s in cache.stores) or model.callers.get(fq) or invoked_indirectly(model, fq))
               and not _invalidates_only(model, fq, cache) and not _invalidation_method(model, fq, cache)
               for fq in cache.evictors)


def _bounded_by_lifetime_or_keys(model: ProjectModel, cache: _Cache) -> bool:
    """The dict cannot grow for long: its object lives for one call, request or run; or its keys
    come from the code itself (one entry per declared route, model, class, ...)."""
    if cache.attr.startswith("self.") and not cache.on_class and instance_lifetime(model, cache.owner) == "short":
        return True
    return bool(not cache.attr.startswith("self.") and _filled_at_import(model, cache) or _bounded_keys(model, cache))


def _evictors(model: ProjectModel, caches: list[_Cache]) -> tuple[list[str], list[str]]:
    """(the evicting functions nothing calls, those called): the finding names both, since a dead
    evictor is why a cache that looks managed grows all the same."""
    dead = sorted({short(fq) for c in caches for fq in c.evictors if not model.callers.get(fq)})
    dropping = sorted({short(fq) for c in caches for fq in c.evictors if model.callers.get(fq)})
    return dead, dropping


def _class_attribute_clause(caches: list[_Cache]) -> str:
    """A cache kept on the class is shared by every instance, so even one built per request fills
    the same dict: said, since the `self.` in its name suggests otherwise."""
    shared = [c for c in caches if c.on_class]
    if not shared:
        return ""
    return (f". {' and '.join(f'`{c.attr[5:]}`' for c in shared)} "
            f"{'are class attributes' if len(shared) > 1 else 'is a class attribute'}, "
            "so every instance shares it, even one built per request")


def _related(model: ProjectModel, caches: list[_Cache], stores: list) -> list[Location]:
    """The first fills by key, then where each other cache of the owner is created."""
    related = [Location(model.functions[fq][0].path, line, line, f"fills `{c.attr}` by key")
               for c, fq, line in stores[:6]]
    return related + [Location(c.path, c.line, c.line, f"`{c.attr}` created here") for c in caches[1:]]


_PROCESS_LONG = "for the life of the process"
# the "Why it matters" section, in the words a finding fills in (line breaks kept as documented)
_STALE_FOREVER = ("Every distinct key stays in memory {lasting}, and the values never\n"
                  "refresh: memory grows with the key space (one entry per user, symbol or URL) and\n"
                  "stale values (rates, limits, metadata) are served forever.")
_REPLICA_COPIES = " Each replica also holds\nits own divergent copy."


def _lasting(model: ProjectModel, owner: str, caches: list[_Cache]) -> str:
    """How long the dicts live: the process's life for module dicts, class attributes and objects
    kept for the process; else as long as the owning object, whose holder the analysis could not
    follow (an attribute of another object of unknown lifetime, one connection's layer)."""
    if all(not c.attr.startswith("self.") or c.on_class for c in caches) or \
            instance_lifetime(model, owner) == "process":
        return _PROCESS_LONG
    return f"for as long as its `{short(owner, 1)}` object lives"


def _growth(model: ProjectModel, caches: list[_Cache], lasting: str = _PROCESS_LONG) -> tuple[str, str | None]:
    """What the dicts grow with, and the severity that follows: clients per configured credential
    grow with configuration (LOW), anything else with the traffic (the rule's severity)."""
    if _client_per_setting(model, caches):
        return (". It holds one client per API key or endpoint it is asked for: it grows with the credentials "
                "the deployment configures (and keeps the clients of rotated keys), or with every user's key "
                "if callers pass keys their users supply", "LOW")
    return f". The dict grows with every distinct key {lasting}" + (
        "" if lasting == _PROCESS_LONG else " (what holds that object, and so how long it lives, the analysis "
        "could not follow)"), None


def _client_per_setting(model: ProjectModel, caches: list[_Cache]) -> bool:
    """Every store keeps a client made from connection settings only (`client = make_client(api_key,
    base_url); clients[key] = client`): the keys are credentials and endpoints, which configuration
    decides, not the traffic."""
    for cache in caches:
        for fq, line in cache.stores:
            func = model.functions[fq][1]
            store = next((s for s in func.extra.get("stores", ()) if s["line"] == line and s["item"]), {})
            value = store.get("value")
            name = value.get("ref", "") if isinstance(value, dict) else ""
            lines = set(func.extra.get("rebound_lines", {}).get(name, ()))
            made = [site for site in func.calls if site.line in lines and site.args]
            if not made or not all(_settings_only(site) for site in made):
                return False
    return True


def _settings_only(site: CallSite) -> bool:
    """A call whose arguments are all names of connection settings (`api_key`, `cfg.base_url`)."""
    args = [*site.args, *site.kwargs.values()]
    return all(isinstance(a, dict) and _SETTING.search(str(a.get("ref", ""))) for a in args)


def _lifetime_clause(caches: list[_Cache]) -> str:
    """No bound and no expiry; or, for entries stored with their time (`(info, time.time())`),
    an age checked on read that never removes what has expired."""
    if all(c.stamped for c in caches):
        return ", with no size bound; entries carry a timestamp (an expiry checked on read)"
    return ", with no size bound and no expiry"


def _evictors_clause(dead: list[str], dropping: list[str], plural: bool) -> str:
    """What the removals there are do: no resolved call reaches them (`dead`), or they only drop the key a
    caller names when it changes (`dropping`); that nothing removes an entry when there are none."""
    clause = (f"; only {', '.join(f'`{d}`' for d in dead)} would clear {'them' if plural else 'it'}, and "
              f"no call the analysis could resolve reaches {'them' if len(dead) > 1 else 'it'}" if dead else "" if dropping
              else "; nothing ever removes an entry")
    if dropping:
        clause += (f"; {', '.join(f'`{d}`' for d in dropping)} only drop{'' if len(dropping) > 1 else 's'} the one "
                   f"key {'their' if len(dropping) > 1 else 'its'} callers name when it changes")
    return clause


def _candidates(model) -> dict[tuple[str, str], _Cache]:
    """Dict attributes set in `__init__` and module-level dicts named as caches, with what
    every function of their class or module does to them."""
    caches = _declared(model)
    holders = {holder for holder, _ in caches}  # a function reaches only its class's or module's caches
    for fq, facts, func in model.iter_functions():
        owner = f"{facts.module}.{func.class_name}" if func.class_name else ""
        if owner not in holders and facts.module not in holders:
            continue

        def lookup(target: str) -> _Cache | None:
            return caches.get((owner, target)) or caches.get((facts.module, target))

        _note_stores(fq, func, lookup)
        _note_calls(model, fq, func, lookup)
    return caches


def _declared(model) -> dict[tuple[str, str], _Cache]:
    caches: dict[tuple[str, str], _Cache] = {}
    for _fq, facts, func in model.iter_functions():
        if func.class_name and func.name == "__init__":
            owner = f"{facts.module}.{func.class_name}"
            for attr, value in func.self_attrs.items():
                if _is_dict(value):
                    caches.setdefault((owner, f"self.{attr}"), _Cache(owner, f"self.{attr}", facts.path,
                                                                      _line_of(func, attr)))
    _class_level(model, caches)
    for module, facts in model.modules.items():
        for name, assign in facts.assigns.items():
            if assign.mutable and _is_dict(assign.value):
                caches.setdefault((module, name), _Cache(module, name, facts.path, assign.line))
    return caches


# classes whose body declarations are per-instance defaults or schema fields, not shared dicts
_FIELD_BASES = frozenset({"BaseModel", "BaseSettings", "SQLModel", "TypedDict", "NamedTuple", "Struct", "Enum",
                          "Schema", "Protocol"})


def _class_level(model, caches: dict[tuple[str, str], _Cache]) -> None:
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
                if _is_dict(value) and key not in caches:
                    caches[key] = _Cache(owner, f"self.{name}", facts.path, cls.attr_lines.get(name, cls.line),
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
        if method in _EVICT:
            cache.evictors.append(fq)
            if method in ("pop", "__delitem__") and site.args and not site.loop_line:
                cache.keyed.setdefault(fq, []).append(site.line)
        elif method in _READS:
            cache.readers.append(fq)
            if _loads_between(model, fq, func, target, site.line, 0 if _hit_returned(func, site.line) else 3):
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
            if _loads_between(model, fq, func, name, block["line"], near):
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


def _cache_accessors(cache: _Cache) -> bool:
    """A dict not named as a cache is one when the functions that fill it by key and read it by
    key say so (`remember_bio` / `cached_bio`); a write-only registry is not."""
    writers = {fq.rsplit(".", 1)[-1] for fq, _ in cache.stores}
    readers = {fq.rsplit(".", 1)[-1] for fq in cache.readers}
    return bool(readers) and any(_ACCESSOR_NAME.search(name) for name in writers | readers)


def _cache_class(cache: _Cache) -> bool:
    """A dict attribute of a class named as a cache (`ProfileCache._entries`) that one method
    fills by key and another reads by key: the class's own store."""
    return cache.attr.startswith("self.") and bool(_CACHE_NAME.search(cache.owner.rsplit(".", 1)[-1])) \
        and bool(cache.readers) and bool({fq for fq, _ in cache.stores} - set(cache.readers))


def _request_results(model, cache: _Cache) -> bool:
    """A dict on an object that lives for the process, filled by key in a method requests run
    and read back by key in another (`self._badges[visitor.id] = png` on check-in, later
    `self._badges.get(visitor_id)`): what each request produced is kept for later lookups, one
    entry per request's key, and the store grows with the traffic. A module-level dict lives for the
    process anyway: it counts when it is filled per item of a collection (`for i in instances:
    _latest[i.resource_id] = {...}`), so its keys grow with the data, not with a handful of settings."""
    if cache.attr.startswith("self.") and (cache.on_class or instance_lifetime(model, cache.owner) != "process"):
        return False
    if not cache.attr.startswith("self.") and not any(_in_for_loop(model, fq, line) for fq, line in cache.stores):
        return False
    writers = {fq for fq, _line in cache.stores}
    driven = request_driven(model)
    return any(fq in driven for fq in writers) and bool(set(cache.readers) - writers) and not _tally(model, cache)


def _tally(model, cache: _Cache) -> bool:
    """Every store writes back a value computed from the entry it replaces (`self._versions[k] =
    self._versions.get(k, 0) + 1`): a counter or version kept per key, state the object maintains,
    not a result a request produced and kept for later lookups."""
    target = tuple(cache.attr.split("."))
    return all(any(site.line == line and site.func == (*target, "get") for site in model.functions[fq][1].calls)
               for fq, line in cache.stores)


def _in_for_loop(model, fq: str, line: int) -> bool:
    loops = model.functions[fq][1].extra.get("loops", {})
    return any(info.get("kind") == "for" and start <= line <= info.get("end", start) for start, info in loops.items())


def _invalidation_method(model, fq: str, cache: _Cache) -> bool:
    """A method that only drops the one key it is given (`invalidate(player_id)`), neither
    reading nor filling the cache, that every caller runs once (not in a loop) after writing
    the source: invalidation on write, which keeps an entry fresh but never bounds the number
    of keys (unlike a `close_session(key)` that drops an entry when its object ends)."""
    lines = cache.keyed.get(fq, [])
    if not lines or cache.evictors.count(fq) != len(lines) or fq in cache.readers \
            or any(store_fq == fq for store_fq, _ in cache.stores) or _ends_entry(model, fq, cache, lines):
        return False
    callers = model.callers.get(fq, ())
    return bool(callers) and all(not edge.site.loop_line and _writes_before(model, edge.caller, edge.site.line,
                                                                            any_await=True) for edge in callers)


def _filled_at_import(model, cache: _Cache) -> bool:
    """Every function that fills the module-level cache runs only while modules are imported
    (called from module-level code, directly or through other such functions): the keys are
    then fixed by the code, e.g. one factory per declared dependency, and the dict cannot grow
    at run time."""
    at_import = model.called_at_import("function")
    seen: set[str] = set()
    todo = [fq for fq, _ in cache.stores]
    while todo:
        fq = todo.pop()
        if fq in seen:
            continue
        seen.add(fq)
        callers = model.callers.get(fq, ())
        if not callers and fq not in at_import:
            return False  # a root reached at run time: an entry point, a task, a callback
        todo.extend(edge.caller for edge in callers)
    return bool(seen & at_import)


_TYPE_ANNOTATION = re.compile(r"^(type|Type|typing\.Type)(\[.*\])?$")


def _bounded_keys(model, cache: _Cache) -> bool:
    """Every store's key comes from a closed set: a class (`memo[type(obj)]`), a literal or a
    parameter every caller passes a literal (`interval_log("hedge", ...)`), an entry of a map the
    object already holds (`for sym, pair in self._symbols.items(): addr_map[addr(sym)] = pair`),
    or a fill that runs only while the dict is empty (one listing, loaded once). The keys do not
    grow with what the process serves, however long it runs."""
    for fq, line in cache.stores:
        func = model.functions[fq][1]
        key = next((s.get("key") for s in func.extra.get("stores", ()) if s["line"] == line and s["item"]), None)
        if not (key is not None and (_type_value(func, key) or _literal_key(model, fq, func, key)
                                     or _enum_key(model, fq, key))
                or _mirrors_held_map(func, line) or _filled_once(func, line, cache.attr)):
            return False
    return True


def _offered_decorator(model, cache: _Cache) -> bool:
    """Every store is in the wrapper of a decorator (`def cache(func): def wrapper(*a): ...`) that
    the project never applies nor calls: a memoiser it offers to its users, unbounded by design
    like `functools.cache`; the functions they choose to wrap decide its key space."""
    outers = {fq.split(".<locals>.", 1)[0] for fq, _line in cache.stores}
    if any(".<locals>." not in fq for fq, _line in cache.stores) or not outers <= set(model.functions):
        return False
    names = {fq.rsplit(".", 1)[-1] for fq in outers}
    return not names & _applied_decorators(model) and not any(model.callers.get(fq) for fq in outers) and \
        all(model.functions[fq][1].params for fq in outers)


def _applied_decorators(model) -> frozenset[str]:
    """The last part of the name of every decorator some project function carries, once per run."""
    return model.memo("unbounded_dict_cache.applied_decorators", lambda: frozenset(
        d.func.rsplit(".", 1)[-1] for _fq, _facts, func in model.iter_functions() for d in func.decorators))


_PASSED_ON = 3  # hops a parameter is followed up through callers that hand on their own parameter


def _literal_key(model, fq: str, func, key, depth: int = 0) -> bool:
    """A constant key, or a parameter that every project call passes a constant, itself or through
    a caller handing on its own parameter (`_render(name)` -> `_load(name)`, every `_render` call
    naming a template file)."""
    if isinstance(key, (str, int)) and not isinstance(key, bool):
        return True
    param = key.get("ref") if isinstance(key, dict) else None
    mapping = _keys_of_param(func, param) if isinstance(param, str) else ""
    if mapping:
        return _constant_keyed(model, fq, func, mapping, depth)
    if param not in {p.name for p in func.params} or param in func.extra.get("rebound", ()):
        return False
    edges = model.callers.get(fq, ())
    return bool(edges) and depth < _PASSED_ON and all(
        _literal_key(model, e.caller, model.functions[e.caller][1], argument_for(e.site, func, param, False)[0],
                     depth + 1) if e.caller in model.functions
        else isinstance(argument_for(e.site, func, param, False)[0], (str, int)) for e in edges)


def _keys_of_param(func, name: str) -> str:
    """`for key, value in values.items():` (or `for key in values:`) where `values` is a parameter:
    that parameter, whose keys `name` runs through ("" when `name` is no such loop variable)."""
    params = {p.name for p in func.params} - set(func.extra.get("rebound", ()))
    for info in func.extra.get("loops", {}).values():
        over = info.get("iter") if info.get("kind") == "for" else None
        targets = [t.strip() for t in str(info.get("target", "")).split(",")]
        ref = over.get("call", "").removesuffix(".items").removesuffix(".keys") if isinstance(over, dict) \
            and over.get("call") in (f"{x}.{m}" for x in params for m in ("items", "keys")) \
            else (over.get("ref") if isinstance(over, dict) else None)
        if ref in params and targets and targets[0] == name:
            return ref
    return ""


def _constant_keyed(model, fq: str, func, param: str, depth: int) -> bool:
    """Every project call passes `param` a dict literal whose keys are all constants
    (`set_values({"ffmpeg_support": result})`), itself or through a caller handing on its own
    parameter: the loop over its keys stores at most those names."""
    edges = model.callers.get(fq, ())
    if not edges or depth >= _PASSED_ON:
        return False
    for e in edges:
        arg = argument_for(e.site, func, param, False)[0]
        if isinstance(arg, dict) and arg.get("literal") == "dict":
            items = arg.get("items")
            if not isinstance(items, list) or len(items) != arg.get("size") \
                    or not all(isinstance(k, (str, int)) and not isinstance(k, bool) for k, _v in items):
                return False
            continue
        ref = arg.get("ref") if isinstance(arg, dict) else None
        caller = model.functions.get(e.caller)
        if caller is None or ref not in {p.name for p in caller[1].params} \
                or not _constant_keyed(model, e.caller, caller[1], ref, depth + 1):
            return False
    return True


def _enum_key(model, fq: str, key) -> bool:
    """The key is a parameter (or local) typed with one of the project's `Enum` classes
    (`def load(source: DocumentSource)`), or a local read off an attribute that holds one (`key =
    db.dialect.value`): at most one entry per member the class declares."""
    name = key.get("ref") if isinstance(key, dict) else None
    if not isinstance(name, str):
        return False
    facts, func = model.functions[fq]
    bound = func.local_types.get(name) if "." not in name else None
    if isinstance(bound, dict) and isinstance(bound.get("ref"), str) and "." in bound["ref"]:
        name = bound["ref"]  # `key = db.dialect.value`, then `cache[key] = ...`
    if "." in name:
        return _enum_member_chain(model, facts, func, name)
    found = model.resolver.type_of_name(facts, func, name)
    return bool(found) and found[0] == "instance" and found[1] in model.classes and model.is_enum(found[1])


def _enum_member_chain(model, facts, func, chain: str) -> bool:
    """`db.dialect.value` (or `.name`, or the member itself) where `db.dialect` resolves to an
    instance of a project `Enum`: one key per member."""
    parts = tuple(chain.split("."))
    if parts[-1] in ("value", "name"):
        parts = parts[:-1]
    found = model.resolver.type_of_chain(facts, func, parts) if len(parts) > 1 else None
    return bool(found) and found[0] == "instance" and found[1] in model.classes and model.is_enum(found[1])


def _mirrors_held_map(func, line: int) -> bool:
    """The store runs in a `for` over another attribute of the object (`self._symbols.items()`):
    one entry per entry of a map it already holds."""
    for start, info in func.extra.get("loops", {}).items():
        iterable = info.get("iter")
        name = str(iterable.get("call") or iterable.get("ref") or "") if isinstance(iterable, dict) else ""
        if info.get("kind") == "for" and name.startswith("self.") and start <= line <= info.get("end", 0):
            return True
    return False


def _filled_once(func, line: int, attr: str) -> bool:
    """The store sits under `if not self._rules:` (or `not bool(...)`): it fills the empty dict
    from one listing, once."""
    return any(attr in block.get("absent", ()) or "bool" in block.get("absent", ()) and
               [("bool", {"ref": attr})] == [(c[0], c[1]) for c in block.get("calls", ())]
               for block in blk.ifs(func) if blk.inside(block, line))


def _type_value(func, value, depth: int = 0) -> bool:
    """The value is a class: a parameter annotated `type[...]`, a `type(x)` call, a local bound to one."""
    if not isinstance(value, dict) or depth > 3:
        return False
    if value.get("call") == "type":
        return True
    ref = value.get("ref")
    param = next((p for p in func.params if p.name == ref), None)
    if param is not None:
        return bool(_TYPE_ANNOTATION.match(param.annotation.replace(" ", "")))
    return isinstance(ref, str) and _type_value(func, func.local_types.get(ref), depth + 1)


def _invalidates_only(model, fq: str, cache: _Cache) -> bool:
    """Every removal `fq` makes drops one key after the function wrote to the source (a round
    trip or a project call comes first): invalidation on write, not a bound on size. A
    `clear()`, `popitem()` or a sweep in a loop does bound it."""
    lines = cache.keyed.get(fq, [])
    if not lines or cache.evictors.count(fq) != len(lines):
        return False
    if _scoped_entry(model, fq, cache, lines) or _ends_entry(model, fq, cache, lines):
        return False
    return _writes_before(model, fq, min(lines))


def _ends_entry(model, fq: str, cache: _Cache, lines: list[int]) -> bool:
    """Every removal takes the entry out to finish it: the popped value is kept and then worked on
    (`sub = self._subs.pop(name, None)`, then `sub.task.cancel()`), or before the `del` the entry's
    own method is called or its flag decides a last step (`if self._contexts[cid].flush: ...`).
    The dict is a registry of live things whose entries leave when they end. Returning the popped
    value (`return self._cache.pop(key, None)`) or comparing an entry's field to decide expiry
    (`if self._cache[k].expires < now: del ...`) does not finish anything: that is invalidation."""
    func = model.functions[fq][1]
    target = tuple(cache.attr.split("."))
    for line in lines:
        pops = [s for s in func.calls if s.line == line and s.func and s.func[:-1] == target and s.func[-1] == "pop"]
        if not (_popped_value_worked_on(func, pops, line) if pops else _entry_finished(func, target, line)):
            return False
    return True


def _popped_value_worked_on(func, pops: list, line: int) -> bool:
    """The pop is awaited, or the local it is kept in is the receiver of a later call or handed
    to one (`await self.cancel_task(sub.router_task)`)."""
    if any(site.awaited for site in pops):
        return True
    kept = {name for name, value in func.local_types.items()
            if isinstance(value, dict) and value.get("line") == line and str(value.get("call", "")).endswith(".pop")}
    return any(site.line > line and (site.func and site.func[0] in kept and len(site.func) > 1
                                     or any(_rooted_in(arg, kept) for arg in (*site.args, *site.kwargs.values())))
               for site in func.calls)


def _rooted_in(value, names: set[str]) -> bool:
    """`value` reads one of `names` or an attribute of it (`sub`, `sub.router_task`)."""
    ref = value.get("ref") if isinstance(value, dict) else None
    return isinstance(ref, str) and ref.split(".", 1)[0] in names


def _entry_finished(func, target: tuple[str, ...], line: int) -> bool:
    """Before the `del` at `line`, a method of the entry is called (`self._c[k].close()`) or a
    truthy test of one of its fields guards a step (`if self._c[k].flush:`)."""
    entry = target + ("[]",)
    if any(site.func and site.func[:len(entry)] == entry and len(site.func) > len(entry)
           and func.line <= site.line < line for site in func.calls):
        return True
    prefix = ".".join(entry) + "."
    return any(block.get("kind") == "if" and block["line"] < line
               and any(chain.startswith(prefix) for chain in block.get("present", ()))
               for block in func.extra.get("blocks", ()))


def _scoped_entry(model, fq: str, cache: _Cache, lines: list[int]) -> bool:
    """`fq` fills the cache and drops the key again in its own `finally` (`self.pool[task] = conn`
    ... `finally: del self.pool[task]`): each entry lives for one call, so the dict holds only the
    calls in flight; that removal bounds it."""
    func = model.functions[fq][1]
    return any(store_fq == fq for store_fq, _ in cache.stores) and all(blk.in_finally(func, line) for line in lines)


def _writes_before(model, fq: str, line: int, any_await: bool = False) -> bool:
    """`fq` makes a round trip or awaits a project call (with `any_await`, any call: a
    `session.commit()`) before `line`: it wrote the source."""
    for edge in model.edges.get(fq, ()):
        writes = ((edge.target.is_project or any_await) and edge.site.awaited) or (
            edge.target.kind == "external" and round_trip(edge.target.name))
        if writes and edge.site.line < line:
            return True
    return False




def _loads_between(model, fq: str, func, target: str, read_line: int, near: int = 3) -> bool:
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
            or edge.site.awaited and (edge.target.kind == "unresolved" or edge.target.name in _CALLABLES)
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


def _is_dict(value) -> bool:
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
