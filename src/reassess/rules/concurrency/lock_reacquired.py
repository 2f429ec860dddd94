"""RA305 deadlock: a non-reentrant lock taken again by the code that already holds it."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._lockgraph import group_of, held_exprs, held_locks, lock_graph
from ._locks import ASYNC_KINDS, THREAD_KINDS


@register
class LockReacquired(Rule):
    """A non-reentrant lock (`asyncio.Lock`, `threading.Lock`) acquired again while it is
    already held: nested in the same function or down a chain of calls on `self`.

    What it finds:
        A `with`/`async with` on a lock (or an explicit `await lock.acquire()`) inside a block
        that already holds it, or a call made while holding it into a method that (directly
        or further down) takes it again. The finding sits on the call (or nested `with`) made
        while the lock is held: the line that hangs, with the `with` that first takes the lock
        and the second acquisition as related locations; when the code that takes it again
        is a private helper only ever called with the lock already held (its `with` can never
        succeed, so that `with` is the line to delete), the finding sits there instead; so it does
        when a method of another class takes a per-key lock of a shared registry again for the key
        its caller holds (`async with self._locks.for_env(env_id):` in a service the holder calls):
        the re-entry rests on that method deriving the same key. Only
        locks whose type is known to be non-reentrant are reported; `threading.RLock` is
        reentrant and fine, and an `acquire()` with arguments (`blocking=False`, a timeout)
        can give up.

    Why it matters:
        Neither `asyncio.Lock` nor `threading.Lock` knows its owner: the second acquire waits
        for a release that can only happen after it returns. The task (or thread) hangs on
        the first call that takes this path, holding the lock, and every later caller queues
        behind it forever.

    Example:
        async def refresh(self):
            async with self._lock:
                await self._store(...)      # _store also does `async with self._lock`

    Instead:
        Take the lock in one place only: split the inner method into a locked public entry
        and an unlocked helper that assumes the lock is held.

            async def _store_locked(self, ...): ...   # caller holds self._lock
    """

    id = "RA305"
    name = "lock-reacquired"
    category = "deadlock"
    severity = "CRITICAL"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        graph = lock_graph(ctx)
        seen: set[tuple[str, int]] = set()
        for acquire in sorted(graph.reentries, key=lambda a: (a.where.path, a.where.start_line)):
            lock = acquire.inner
            if lock.reentrant or lock.kind not in THREAD_KINDS | ASYNC_KINDS:
                continue
            key = (acquire.start.path, acquire.start.start_line)
            if key in seen:
                continue
            seen.add(key)
            yield self._finding(ctx, acquire)

    def _finding(self, ctx: ProjectContext, acquire) -> Finding:
        lock = acquire.inner
        keyword = "async with" if lock.kind in ASYNC_KINDS else "with"
        if acquire.via:
            hops = " -> ".join(f"`{short(e.target.name)}`" for e in acquire.via)
            description = (f"`{short(acquire.function)}` calls {hops} while holding `{lock.short}` "
                           f"(`{lock.kind}`), and that code takes `{lock.short}` again"
                           + (f" at {acquire.inner_at.path}:{acquire.inner_at.start_line}" if acquire.inner_at else "")
                           + ". The lock is not reentrant: the inner acquire waits forever for the outer release.")
            if group := group_of(ctx.model, acquire.via[0]):
                description += (f" `{short(acquire.via[0].target.name)}` runs as a task of the task group opened at "
                                f"line {group}, inside the locked block: the block waits for that task, which "
                                "waits for the lock.")
        else:
            description = (f"`{short(acquire.function)}` takes `{lock.short}` (`{lock.kind}`) inside a block that "
                           f"already holds it. The lock is not reentrant: the inner acquire waits forever.")
        inner_first = acquire.inner_at is not None and (_only_under_lock(ctx, lock, acquire)
                                                        or _same_key_in_other_class(ctx, lock, acquire))
        start, related = _cited(acquire, lock, inner_first)
        if inner_first:
            acquire = _swap(acquire)
        if acquire.inner_at is not None:
            note = f"`{lock.short}` first taken here" if inner_first else f"`{lock.short}` acquired again here"
            related.append(Location(acquire.inner_at.path, acquire.inner_at.start_line, acquire.inner_at.end_line,
                                    note))
        for edge in acquire.via[1:]:
            facts, _ = ctx.model.functions[edge.caller]
            related.append(Location(facts.path, edge.site.line, edge.site.end_line,
                                    f"calls `{short(edge.target.name)}`"))
        name = lock.written
        call = "await self._update_unlocked(...)" if keyword == "async with" else "self._update_unlocked(...)"
        if inner_first:
            per_key = lock.family.endswith("[key]") and not _only_under_lock(ctx, lock, acquire)
            title, why, recommendation = _taken_in_callee(acquire, lock, keyword, per_key)
            return self.finding(Location(start.path, start.start_line, start.start_line), title,
                                description + why, related=related, recommendation=recommendation)
        recommendation = (
            "Acquire the lock in one place: move the locked work into a helper that assumes the lock is held, "
            "and call that helper from inside the block:\n\n"
            f"    {keyword} {name}:\n        {call}  # the helper never takes `{name}` itself")
        return self.finding(
            Location(start.path, start.start_line, start.start_line),
            f"Non-reentrant lock `{lock.short}` acquired again while held in `{short(acquire.function)}`",
            description, related=related, recommendation=recommendation)


def _taken_in_callee(acquire, lock, keyword: str, per_key: bool) -> tuple[str, str, str]:
    """Title, added description and advice when the finding is cited at the callee's own `with`:
    a per-key lock taken again for the key its caller holds wants an unlocked variant; a helper
    every caller already locks wants its `with` removed."""
    taker = short(acquire.via[-1].target.name)
    signature = f"{'async def' if keyword == 'async with' else 'def'} {taker.rsplit('.', 1)[-1]}"
    if per_key:
        return (f"Per-key lock `{lock.short}` taken again by `{taker}` while its caller "
                f"`{short(acquire.function)}` holds it for the same key",
                f" `{taker}` takes the lock of the same key its caller already holds: called from "
                f"inside that block, its `{keyword}` can never be entered.",
                f"Give `{taker}` an unlocked variant for callers that already hold the key's lock "
                f"(or take the lock only in the outermost caller):\n\n"
                f"    {signature}_locked(self, ...):  # caller holds the key's lock\n        ...")
    return (f"Non-reentrant lock `{lock.short}` acquired again in `{taker}`, whose callers already hold it",
            f" Every caller of `{taker}` already holds `{lock.short}`, so the `{keyword}` there "
            f"can never be entered.",
            f"Remove the `{keyword} {lock.written}` from `{taker}`: all of its callers already hold the "
            f"lock. Document the contract instead:\n\n"
            f"    {signature}(self, ...):  # caller holds {lock.written}\n        ...")


def _cited(acquire, lock, inner_first: bool) -> tuple[Location, list[Location]]:
    """The line to cite and the first related locations. The call (or nested `with`) made while the
    lock is held is the line that hangs, and is cited, with the outer `with` related; a private
    helper only ever called under the lock is cited at its own `with`, the line to delete."""
    if inner_first:
        start, where = acquire.inner_at, acquire.where
        note = f"calls `{short(acquire.via[0].target.name)}` while holding it"
        return start, [Location(where.path, where.start_line, where.end_line, note)]
    where, outer = acquire.where, acquire.start
    if outer.start_line == where.start_line and outer.path == where.path:
        return where, []
    return where, [Location(outer.path, outer.start_line, outer.end_line, f"`{lock.short}` first taken here")]


def _only_under_lock(ctx: ProjectContext, lock, acquire) -> bool:
    """Whether every call into the chain that leads to the second acquisition is made with
    `lock` held (directly, or by the previous function of the chain, itself only reached so)."""
    model, spaces = ctx.model, lock_graph(ctx).spaces
    if not acquire.via or spaces is None:
        return False
    previous = None
    for edge in acquire.via:
        callee = model.callee_function(edge.target)
        callers = model.callers.get(callee, ()) if callee else ()
        if not callers or callee in ctx.model.app.entry_functions() or not _private_everywhere(model, callee):
            return False
        for call in callers:
            func = model.functions[call.caller][1]
            held = any(other.id == lock.id for other, _ in held_locks(
                spaces, call.caller, func, held_exprs(spaces.index, call.caller, func, call.site), call.site.line))
            if not held and call.caller != previous:
                return False
        previous = callee
    return True


def _same_key_in_other_class(ctx: ProjectContext, lock, acquire) -> bool:
    """A per-key lock taken again for the same key by a method of another class (a service handed
    the shared lock registry, called from inside the holder's block): the re-entry rests on that
    method deriving the same key again, so its acquisition is the line cited."""
    if lock.scope != "keyed" or not lock.family.endswith("[key]") or not acquire.via:  # not one object's own lock
        return False
    taker = ctx.model.callee_function(acquire.via[-1].target)
    return bool(taker) and taker.rsplit(".", 1)[0] != acquire.function.rsplit(".", 1)[0]


def _private_everywhere(model, callee: str) -> bool:
    """A private helper (`_refresh_token`) that no unresolved call could reach: the call graph
    knows all its callers. A public method may be called by a job through `ctx["svc"]`."""
    name = callee.rsplit(".", 1)[-1]
    return name.startswith("_") and not name.startswith("__") and not any(
        e.target.kind == "unresolved" for e in model.calls_named(name))


def _swap(acquire):
    """The same re-entry seen from the second acquisition: the first one becomes the related end."""
    return replace(acquire, inner_at=acquire.start)
