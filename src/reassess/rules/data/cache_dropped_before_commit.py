"""RA242 cache-misuse: a cache entry dropped before the transaction that changes it commits."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._common import served_path

_CACHE_HINTS = ("cache",)
_DROPS = frozenset({"delete", "unlink", "pop", "invalidate", "evict", "hdel", "discard", "delete_many"})
_DROP_PREFIXES = ("invalidate_", "evict_")
# the receivers of a database transaction's `commit()` (not a message consumer's offsets)
_TRANSACTION_HINTS = ("session", "db", "conn", "uow", "unit_of_work", "transaction", "tx")


@register
class CacheDroppedBeforeCommit(Rule):
    """A cached entry dropped while the change that makes it stale is not yet committed.

    What it finds:
        A function that drops an entry of a cache (`await self._cache.invalidate(...)`,
        `await self.cache.delete(key)`, on a receiver named like a cache) and commits the
        database transaction only afterwards (`await self._session.commit()` later in the same
        function), with no drop of that cache after the commit.

    Why it matters:
        Between the drop and the commit, a concurrent reader misses the cache, loads the row
        from the database - where the old value is still the committed one - and writes it back
        into the cache. The commit then lands, but the cache holds the old value until its TTL
        runs out (or for ever): the change seems lost to every reader served from the cache.
        The longer the transaction stays open after the drop (row locks, more writes, an
        event published), the wider that window.

    Example:
        flag.enabled = enabled
        await self._cache.invalidate(env_id)
        await self._session.commit()

    Instead:
        Drop the entry after the commit (and, where readers are busy, once more a moment later):

            await self._session.commit()
            await self._cache.invalidate(env_id)
    """

    id = "RA242"
    name = "cache-dropped-before-commit"
    category = "cache-misuse"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not served_path(ctx.path):
            return
        for func in ctx.facts.functions.values():
            commits = [s for s in func.calls if _commits(s)]
            if not commits:
                continue
            for drop in _early_drops(func, commits):
                commit = next(c for c in commits if c.line > drop.line)
                cache = ".".join(drop.func[:-1])  # type: ignore[index]
                yield self.finding(
                    ctx.line_loc(drop.line, drop.end_line),
                    f"Cache `{cache}` dropped before the commit in `{func.qualname}`",
                    f"`{func.qualname}` drops the entry of `{cache}` at line {drop.line} but commits the transaction "
                    f"only at line {commit.line}: a reader in between misses the cache, loads the still-committed "
                    "old value and caches it again, so the change stays invisible until the entry expires.",
                    related=[ctx.line_loc(commit.line, commit.end_line, note="the commit that makes the entry stale")],
                    recommendation=f"Drop the entry after the commit: `await {cache}.{drop.func[-1]}(...)` "  # type: ignore[index]
                                   "right after the commit succeeds.",
                )


def _cache_drop(site: CallSite) -> bool:
    """`self._cache.invalidate(...)`, `cache.delete(key)`: an entry of a cache-named receiver dropped."""
    chain = site.func or ()
    if len(chain) < 2 or not any(h in chain[-2].lower() for h in _CACHE_HINTS):
        return False
    return chain[-1] in _DROPS or chain[-1].startswith(_DROP_PREFIXES)


def _commits(site: CallSite) -> bool:
    """`await self._session.commit()`: a database transaction committed."""
    chain = site.func or ()
    return len(chain) >= 2 and chain[-1] == "commit" \
        and any(h in chain[-2].lower().strip("_") for h in _TRANSACTION_HINTS)


def _early_drops(func: FunctionFacts, commits: list[CallSite]) -> list[CallSite]:
    """The drops with a commit after them and no drop of the same cache after that commit."""
    drops = [s for s in func.calls if _cache_drop(s)]
    found = []
    for drop in drops:
        later = [c.line for c in commits if c.line > drop.line]
        if not later:
            continue
        receiver = drop.func[:-1]  # type: ignore[index]
        if any(d.func[:-1] == receiver and d.line > min(later) for d in drops):  # type: ignore[index]
            continue  # dropped again once committed
        found.append(drop)
    return found
