"""Which removals from a cache bound it (RA227): a removal that only drops the key its caller just
wrote to the source (invalidation on write) keeps an entry fresh but never bounds the number of
keys; one that finishes a live entry, or drops a key the same call added, does."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.queries import round_trip
from ...model.resilience import blocks as blk

if TYPE_CHECKING:
    from ._cache_candidates import Cache


def invalidation_method(model, fq: str, cache: "Cache") -> bool:
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


def invalidates_only(model, fq: str, cache: "Cache") -> bool:
    """Every removal `fq` makes drops one key after the function wrote to the source (a round
    trip or a project call comes first): invalidation on write, not a bound on size. A
    `clear()`, `popitem()` or a sweep in a loop does bound it."""
    lines = cache.keyed.get(fq, [])
    if not lines or cache.evictors.count(fq) != len(lines):
        return False
    if _scoped_entry(model, fq, cache, lines) or _ends_entry(model, fq, cache, lines):
        return False
    return _writes_before(model, fq, min(lines))


def _ends_entry(model, fq: str, cache: "Cache", lines: list[int]) -> bool:
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


def _scoped_entry(model, fq: str, cache: "Cache", lines: list[int]) -> bool:
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
