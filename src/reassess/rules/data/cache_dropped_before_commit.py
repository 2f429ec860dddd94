"""RA242 cache-misuse: a cache entry dropped before the transaction that changes it commits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.resilience import blocks as blk
from ..api import FileContext, Rule, register
from ._common import served_path

_CACHE_HINTS = ("cache",)
_DROPS = frozenset({"delete", "unlink", "pop", "invalidate", "evict", "hdel", "discard", "delete_many"})
_DROP_PREFIXES = ("invalidate_", "evict_")
# the receivers of a database transaction's `commit()` (not a message consumer's offsets)
_TRANSACTION_HINTS = ("session", "db", "conn", "uow", "unit_of_work", "transaction", "tx")
# what opens a transaction that the end of its `with` block commits (SQLAlchemy, Django, asyncpg)
_OPENS = frozenset({"begin", "atomic", "transaction"})


@register
class CacheDroppedBeforeCommit(Rule):
    """A cached entry dropped while the change that makes it stale is not yet committed.

    What it finds:
        A function that drops an entry of a cache (`await self._cache.invalidate(...)`,
        `await self.cache.delete(key)`, on a receiver named like a cache) and commits the
        database transaction only afterwards (`await self._session.commit()` later in the same
        function), with no drop of that cache after the commit. The same slip written with a
        transaction block: the drop inside `async with session.begin():`, `with
        transaction.atomic():` or `async with conn.transaction():` (the commit runs when the
        block ends) with no drop of that cache after the block; a drop handed to a callback run
        on commit (`transaction.on_commit(lambda: cache.delete(key))`) is not a drop in the block.

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
                if any(_cache_drop(s) for s in func.calls):
                    yield from self._block_findings(ctx, func, _transaction_blocks(func))
                continue
            for drop in _early_drops(func, commits):
                commit = next(c for c in commits if c.line > drop.line)
                yield self._drop_finding(
                    ctx, func, drop, "before the commit", f" but commits the transaction only at line {commit.line}",
                    ctx.line_loc(commit.line, commit.end_line, note="the commit that makes the entry stale"),
                    f"Drop the entry after the commit: `{_call_text(drop)}` right after the commit succeeds.")

    def _block_findings(self, ctx: FileContext, func: FunctionFacts, blocks: list[_Block]) -> Iterator[Finding]:
        """Drops inside a transaction block of `func` with no drop of that cache after the block."""
        drops = [s for s in func.calls if _cache_drop(s)]
        for drop in drops:
            block = next((b for b in blocks if b.line <= drop.line <= b.end_line and drop.line not in b.deferred), None)
            if block is None or any(d.func[:-1] == drop.func[:-1] and d.line > block.end_line  # type: ignore[index]
                                    for d in drops):
                continue
            yield self._drop_finding(
                ctx, func, drop, "inside the transaction block",
                f", inside `{block.text}` (line {block.line}), whose transaction commits only when the block ends "
                f"(line {block.end_line})",
                ctx.line_loc(block.line, block.line, note="the transaction, committed when this block ends"),
                f"Drop the entry after the block (or in a callback run on commit): `{_call_text(drop)}` once the "
                "transaction has committed.")

    def _drop_finding(self, ctx: FileContext, func: FunctionFacts, drop: CallSite, where: str, commit: str,
                      related: Location, recommendation: str) -> Finding:
        """One dropped entry, read back as stale before its transaction commits."""
        cache = ".".join(drop.func[:-1])  # type: ignore[index]
        return self.finding(
            ctx.line_loc(drop.line, drop.end_line),
            f"Cache `{cache}` dropped {where} in `{func.qualname}`",
            f"`{func.qualname}` drops the entry of `{cache}` at line {drop.line}{commit}: a reader in between "
            "misses the cache, loads the still-committed old value and caches it again, so the change stays "
            "invisible until the entry expires.",
            related=[related], recommendation=recommendation)


@dataclass(frozen=True)
class _Block:
    """A `with` block whose exit commits a database transaction."""
    line: int
    end_line: int
    text: str
    deferred: frozenset[int]  # lines of callbacks registered inside (`on_commit(lambda: ...)`): run later


def _transaction_blocks(func: FunctionFacts) -> list[_Block]:
    """`with transaction.atomic():`, `async with session.begin():`, `async with conn.transaction():`
    in `func` (the first such item of each `with`), outer blocks first."""
    found: dict[int, _Block] = {}
    for block in blk.blocks(func, "with"):
        opener = _opener(func, block)
        if opener is None or block["line"] in found:
            continue
        deferred = frozenset(line for first, last in func.extra.get("deferred", ())
                             if block["line"] <= first <= block["end"] for line in range(first, last + 1))
        found[block["line"]] = _Block(block["line"], block["end"],
                                      f"{'async with' if block['is_async'] else 'with'} {_opener_text(opener)}",
                                      deferred)
    return list(found.values())


def _opener(func: FunctionFacts, block: dict) -> CallSite | None:
    """The call a `with` item makes when it opens a transaction committed on exit: `session.begin()`,
    `transaction.atomic()`, `conn.transaction()`, a call on a transaction-like receiver."""
    chain = tuple(block["expr"].split("."))
    if len(chain) < 2 or chain[-1] not in _OPENS \
            or not any(h in chain[-2].lower().strip("_") for h in _TRANSACTION_HINTS):
        return None
    return next((s for s in func.calls if s.func == chain and block["line"] <= s.line <= block["end"]), None)


def _opener_text(call: CallSite) -> str:
    """`session.begin()`, or `conn.transaction(...)` when it is given arguments."""
    given = call.args or call.kwargs or call.star_args
    return f"{call.name}({'...' if given else ''})"


def _call_text(drop: CallSite) -> str:
    """`await self._cache.invalidate(...)`, or without `await` when the drop is not awaited."""
    return ("await " if drop.awaited else "") + ".".join(drop.func or ()) + "(...)"


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
