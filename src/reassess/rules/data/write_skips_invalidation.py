"""RA237 cache-misuse: a write that leaves the cached copy in place, where a sibling write drops it."""
from __future__ import annotations

import re
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._common import served_path

_CACHE_HINTS = ("cache", "redis")
_DROPS = frozenset({"delete", "unlink", "pop", "invalidate", "evict", "hdel", "discard"})
_REFRESHES = frozenset({"set", "setex", "hset", "put", "set_json"})
_READS = frozenset({"get", "hget", "get_json", "mget"})
_WRITE_NAME = re.compile(r"^_?(update|save|set|patch|delete|remove|insert|upsert|write|modify|change|rename|"
                         r"archive|cancel|mark|replace|bulk_update)")
_DROP_HELPER = re.compile(r"invalidat|evict|bust|forget|purge|clear_cache|drop_cache", re.I)


@register
class WriteSkipsInvalidation(Rule):
    """A method that changes stored data a class also caches, without dropping the cached copy
    that another method drops after the same write.

    What it finds:
        In a class that caches data (reads and fills a Redis client or a cache named like one,
        `self._redis.get(...)` / `.set(...)`), a method that deletes a cache entry after a write
        call (`await self._loads.update_fields(load_id, status=...)` then `await
        self._redis.delete(_cache_key(load_id))`), and another method making the same write call
        with no delete or refresh on that cache, nor a call of an invalidating helper. The
        finding sits on the write that skips it.

    Why it matters:
        The class itself shows that this write makes the cached entry stale: one path drops it,
        the other does not. After the second path runs, readers are served the old value until
        the entry expires (or forever without a TTL), often right away by the same request that
        re-reads what it just wrote.

    Example:
        async def cancel(self, load_id):
            await self._repo.update_fields(load_id, status="cancelled")
            await self._redis.delete(f"load:{load_id}")

        async def update(self, load_id, changes):
            await self._repo.update_fields(load_id, **changes)   # cached copy stays

    Instead:
        Drop (or rewrite) the entry on every write path, ideally through one helper:

            await self._repo.update_fields(load_id, **changes)
            await self._redis.delete(f"load:{load_id}")
    """

    id = "RA237"
    name = "write-skips-invalidation"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not served_path(ctx.path):
            return
        classes: dict[str, list[FunctionFacts]] = {}
        for func in ctx.facts.functions.values():
            if func.class_name:
                classes.setdefault(func.class_name, []).append(func)
        for methods in classes.values():
            yield from self._class(ctx, methods)

    def _class(self, ctx: FileContext, methods: list[FunctionFacts]) -> Iterator[Finding]:
        caches = _caches(methods)
        if not caches:
            return
        droppers = {f.name for f in methods if _drop_sites(f, caches)}
        dropped_after = _dropped_after(methods, caches)
        for func in methods:
            if func.name in droppers or _calls_dropper(func, droppers) or _refreshes(func, caches):
                continue
            for site in func.calls:
                sibling = dropped_after.get(site.func) if site.func else None
                if sibling is not None and sibling is not func:
                    yield self._finding(ctx, func, site, sibling)
                    break

    def _finding(self, ctx: FileContext, func: FunctionFacts, site: CallSite, sibling: FunctionFacts) -> Finding:
        call = site.name
        return self.finding(
            ctx.line_loc(site.line, site.end_line),
            f"`{func.qualname}` writes through `{call}` but leaves the cached copy in place",
            f"`{sibling.qualname}` drops the cached entry after the same write (`{call}`), so the class knows the "
            f"write makes it stale; `{func.qualname}` makes that write and neither drops nor refreshes the entry: "
            "readers are served the old value until it expires.",
            related=[ctx.line_loc(sibling.line, note=f"`{sibling.name}` drops the entry after the same write")],
            recommendation=f"Drop the entry after the write, as `{sibling.name}` does (or route both through one "
                           f"helper that writes and invalidates).")


def _dropped_after(methods: list[FunctionFacts], caches: set[tuple[str, ...]]) -> dict[tuple[str, ...], FunctionFacts]:
    """Each write call (by its dotted name) followed by a drop of a cache entry, with the first
    method that does so."""
    found: dict[tuple[str, ...], FunctionFacts] = {}
    for func in methods:
        for write in _writes_before_drop(func, caches):
            found.setdefault(write.func, func)  # type: ignore[arg-type]
    return found


def _cache_receiver(site: CallSite) -> tuple[str, ...]:
    """The receiver of a call on something named like a cache (`self._redis`, `cache`); () otherwise."""
    if not site.func or len(site.func) < 2:
        return ()
    receiver = site.func[:-1]
    return receiver if any(h in receiver[-1].lower() for h in _CACHE_HINTS) else ()


def _caches(methods: list[FunctionFacts]) -> set[tuple[str, ...]]:
    """Cache receivers the class both reads and fills: it keeps copies of data there."""
    reads, fills = set(), set()
    for func in methods:
        for site in func.calls:
            receiver = _cache_receiver(site)
            if receiver and site.func[-1] in _READS:  # type: ignore[index]
                reads.add(receiver)
            elif receiver and site.func[-1] in _REFRESHES:  # type: ignore[index]
                fills.add(receiver)
    return reads & fills


def _drop_sites(func: FunctionFacts, caches: set[tuple[str, ...]]) -> list[CallSite]:
    return [s for s in func.calls if _cache_receiver(s) in caches and s.func[-1] in _DROPS]  # type: ignore[index]


def _refreshes(func: FunctionFacts, caches: set[tuple[str, ...]]) -> bool:
    return any(_cache_receiver(s) in caches and s.func[-1] in _REFRESHES for s in func.calls)  # type: ignore[index]


def _writes_before_drop(func: FunctionFacts, caches: set[tuple[str, ...]]) -> list[CallSite]:
    """Write calls on another object of the instance (`self._repo.update_fields(...)`) made before
    the function drops a cache entry."""
    drops = [s.line for s in _drop_sites(func, caches)]
    if not drops:
        return []
    return [s for s in func.calls if s.func and len(s.func) >= 3 and s.func[0] == "self"
            and not _cache_receiver(s) and _WRITE_NAME.match(s.func[-1]) and s.line <= max(drops)]


def _calls_dropper(func: FunctionFacts, droppers: set[str]) -> bool:
    """A call of a method of the class that drops an entry, or of any helper named for it."""
    return any(s.func and ((len(s.func) == 2 and s.func[0] == "self" and s.func[1] in droppers)
                           or _DROP_HELPER.search(s.func[-1])) for s in func.calls)
