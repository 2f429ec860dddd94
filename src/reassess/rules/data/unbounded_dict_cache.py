"""RA227 unbounded-cache: an instance or module dict used as a cache that nothing evicts."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.lifetime import instance_lifetime
from ...model.overrides import invoked_indirectly
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.triggers import request_driven
from ..api import ProjectContext, Rule, register
from ._cache_candidates import CACHE_NAME, Cache, candidates
from ._cache_evictions import invalidates_only, invalidation_method
from ._cache_key_space import bounded_keys
from ._cache_wording import (REPLICA_COPIES, STALE_FOREVER, class_attribute_clause, evictor_names,
                             evictors_clause, growth_of, handed_in_clause, lasting_of, lifetime_clause,
                             related_locations)
from ._common import is_test_path, short
from ._shared_caches import handed_in, share_evictions

_ACCESSOR_NAME = re.compile(r"cache|memo|remember", re.I)  # `cached_bio`, `remember_bio`


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
        defaults, nor when `__init__` rebinds it per instance). So is a dict the constructor is
        handed (`self._route_cache = route_cache`) when every construction passes one dict made
        for the process (`app.state.route_cache = {}` in the lifespan, a module-level dict): the
        object may be built per request, the dict is not; that finding cites the first fill in
        the class, since the dict itself is made elsewhere. Entries stored with their time
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
        caches = candidates(model, handed_in(model))
        share_evictions(model, caches)
        ctx.examine("in-memory caches", len(caches))
        by_owner: dict[str, list[Cache]] = {}
        for cache in caches.values():
            if _grows_unbounded(model, cache):
                by_owner.setdefault(cache.owner, []).append(cache)
        for owner in sorted(by_owner):
            yield self._finding(model, owner, sorted(by_owner[owner], key=lambda c: c.line))

    def _finding(self, model, owner: str, caches: list[Cache]) -> Finding:
        first = caches[0]
        names = ", ".join(f"`{c.attr}`" for c in caches)
        stores = sorted(((c, fq, line) for c in caches for fq, line in c.stores), key=lambda x: (x[0].line, x[2]))
        lasting = lasting_of(model, owner, caches)
        growth, severity = growth_of(model, caches, lasting)
        description = (
            f"`{short(owner, 1)}` keeps {names} as {'caches' if len(caches) > 1 else 'a cache'} filled by key"
            + lifetime_clause(caches) + evictors_clause(*evictor_names(model, caches), len(caches) > 1)
            + class_attribute_clause(caches) + handed_in_clause(caches) + growth
            + (", and a stored value is never refreshed." if _filled_on_miss_only(first, stores) else ".")
        )
        return self.finding(
            _cited(model, first, stores),
            f"Unbounded cache{'s' if len(caches) > 1 else ''} {names} in `{short(owner, 1)}`", description,
            related=related_locations(model, caches, stores), severity=severity,
            impact=self._impact(lasting, bool(single_process(model))),
            recommendation=(f"Use a bounded cache with a lifetime, e.g. `cachetools.TTLCache` (guard it with a lock "
                            f"in async code if two requests may fill it at once):\n\n"
                            f"    {first.handed_in[2] if first.handed_in else first.attr} = "
                            "cachetools.TTLCache(maxsize=1024, ttl=300)"),
        )

    def _impact(self, lasting: str, alone: bool) -> str:
        """The documented impact, for as long as the cache really lives, without the replicas a program
        of one process does not have."""
        return STALE_FOREVER.format(lasting=lasting) + ("" if alone else REPLICA_COPIES)


def _cited(model, first: Cache, stores: list) -> Location:
    """Where the dict is made; for a dict made elsewhere and handed in, its first fill in the class."""
    if first.handed_in is None:
        return Location(first.path, first.line, first.line)
    _cache, fq, line = next(s for s in stores if s[0] is first)
    return Location(model.functions[fq][0].path, line, line)


def _filled_on_miss_only(cache: Cache, stores: list) -> bool:
    """One function fills the dict and reads it by key too (cache-aside: a hit is served, a miss is
    loaded and kept), with no time stamped on the entries: nothing ever replaces a stored value. A
    function that only writes (`self._last_plan[city] = moves` after each planning run) refreshes it."""
    fillers = {fq for _, fq, _ in stores}
    return len(fillers) == 1 and not cache.stamped and bool(fillers & set(cache.readers))


def _grows_unbounded(model: ProjectModel, cache: Cache) -> bool:
    """A dict filled by key, used as a cache, that nothing empties and that lives long enough to
    grow: what is left after every reason a keyed dict stays small or is no cache at all."""
    if not cache.stores or cache.size_checked or is_test_path(cache.path):
        return False
    if cache.self_stores == len(cache.stores):
        return False  # a registry of live instances, one per object that exists anyway: not cached results
    return _used_as_cache(model, cache) and not _evicted(model, cache) and not _bounded_by_lifetime_or_keys(
        model, cache) and not _offered_decorator(model, cache)  # a memoising decorator offered like `functools.cache`


def _used_as_cache(model: ProjectModel, cache: Cache) -> bool:
    """Named like a cache, read back by the key it is filled with, behind cache accessors, held by a
    cache class, or filled with what requests computed: a keyed dict with any of those is a cache."""
    return bool(CACHE_NAME.search(cache.attr) or cache.reads_by_key or _cache_accessors(cache)
                or _cache_class(cache) or _request_results(model, cache))


def _evicted(model: ProjectModel, cache: Cache) -> bool:
    """Some function that takes entries out runs: it fills the cache too, is called, or is invoked
    indirectly (a callback, a hook); and it does more than invalidate on a change (that evicts a key
    only when its source changes, not as the dict grows)."""
    return any((fq in (s[0] for s in cache.stores) or model.callers.get(fq) or invoked_indirectly(model, fq))
               and not invalidates_only(model, fq, cache) and not invalidation_method(model, fq, cache)
               for fq in cache.evictors)


def _bounded_by_lifetime_or_keys(model: ProjectModel, cache: Cache) -> bool:
    """The dict cannot grow for long: its object lives for one call, request or run; or its keys
    come from the code itself (one entry per declared route, model, class, ...)."""
    if cache.attr.startswith("self.") and not cache.on_class and cache.handed_in is None \
            and instance_lifetime(model, cache.owner) == "short":
        return True
    return bool(not cache.attr.startswith("self.") and _filled_at_import(model, cache) or bounded_keys(model, cache))


def _cache_accessors(cache: Cache) -> bool:
    """A dict not named as a cache is one when the functions that fill it by key and read it by
    key say so (`remember_bio` / `cached_bio`); a write-only registry is not."""
    writers = {fq.rsplit(".", 1)[-1] for fq, _ in cache.stores}
    readers = {fq.rsplit(".", 1)[-1] for fq in cache.readers}
    return bool(readers) and any(_ACCESSOR_NAME.search(name) for name in writers | readers)


def _cache_class(cache: Cache) -> bool:
    """A dict attribute of a class named as a cache (`ProfileCache._entries`) that one method
    fills by key and another reads by key: the class's own store."""
    return cache.attr.startswith("self.") and bool(CACHE_NAME.search(cache.owner.rsplit(".", 1)[-1])) \
        and bool(cache.readers) and bool({fq for fq, _ in cache.stores} - set(cache.readers))


def _request_results(model, cache: Cache) -> bool:
    """A dict on an object that lives for the process, filled by key in a method requests run
    and read back by key in another (`self._badges[visitor.id] = png` on check-in, later
    `self._badges.get(visitor_id)`): what each request produced is kept for later lookups, one
    entry per request's key, and the store grows with the traffic. A module-level dict lives for the
    process anyway: it counts when it is filled per item of a collection (`for i in instances:
    _latest[i.resource_id] = {...}`), so its keys grow with the data, not with a handful of settings."""
    if cache.attr.startswith("self.") and cache.handed_in is None and (
            cache.on_class or instance_lifetime(model, cache.owner) != "process"):
        return False
    if not cache.attr.startswith("self.") and not any(_in_for_loop(model, fq, line) for fq, line in cache.stores):
        return False
    writers = {fq for fq, _line in cache.stores}
    driven = request_driven(model)
    return any(fq in driven for fq in writers) and bool(set(cache.readers) - writers) and not _tally(model, cache)


def _tally(model, cache: Cache) -> bool:
    """Every store writes back a value computed from the entry it replaces (`self._versions[k] =
    self._versions.get(k, 0) + 1`): a counter or version kept per key, state the object maintains,
    not a result a request produced and kept for later lookups."""
    target = tuple(cache.attr.split("."))
    return all(any(site.line == line and site.func == (*target, "get") for site in model.functions[fq][1].calls)
               for fq, line in cache.stores)


def _in_for_loop(model, fq: str, line: int) -> bool:
    loops = model.functions[fq][1].extra.get("loops", {})
    return any(info.get("kind") == "for" and start <= line <= info.get("end", start) for start, info in loops.items())


def _filled_at_import(model, cache: Cache) -> bool:
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


def _offered_decorator(model, cache: Cache) -> bool:
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


