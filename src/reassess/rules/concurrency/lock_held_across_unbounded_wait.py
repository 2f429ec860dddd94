"""RA306 deadlock: an asyncio lock held while waiting on something that may never come."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model.app import is_test_path
from ...model.project import Edge
from ...model.resilience import analysis
from ..api import ProjectContext, Rule, register
from ._blocking import location, short, target_name
from ._entries import entry_index
from ._locks import LockIndex
from ._text import call_source

# Waits that end only when another task or a remote peer acts: no timeout of their own.
_WAIT_SUFFIXES = (".Queue.get", ".Queue.put", ".Queue.join", ".PriorityQueue.get", ".LifoQueue.get",
                  ".Event.wait", ".Condition.wait", ".Condition.wait_for", ".Future",
                  ".WebSocket.receive", ".WebSocket.receive_text", ".WebSocket.receive_json",
                  ".WebSocket.receive_bytes", ".WebSocketClientProtocol.recv", ".StreamReader.read",
                  ".StreamReader.readline", ".StreamReader.readexactly", ".StreamReader.readuntil")


def _waits_on_peer(edge: Edge) -> bool:
    name = target_name(edge)
    return bool(name) and edge.site.used_as == "await" and name.endswith(_WAIT_SUFFIXES)


class _Waits:
    """Awaits with no bound: waits on another task or peer, and external calls the resilience
    analysis finds without any effective timeout (httpx `timeout=None`, `pool.acquire()`)."""

    def __init__(self, model) -> None:
        self.io = {(call.fq, call.site.line): call.operation for call in analysis(model).calls if call.unbounded}

    def __call__(self, edge: Edge) -> bool:
        if _waits_on_peer(edge):
            return True
        return edge.site.used_as in ("await", "async-with") and (edge.caller, edge.site.line) in self.io

    def functions(self, model) -> set[str]:
        """Functions making such an await, found from the waits' names and the unbounded
        calls' places rather than by testing every call of the project."""
        callers = {fq for fq, _line in self.io}
        callers.update(edge.caller for name in model.target_names()
                       if name.endswith(_WAIT_SUFFIXES) or f"builtins.{name}".endswith(_WAIT_SUFFIXES)
                       for edge in model.calls_to(name))
        return {fq for fq in callers if any(self(e) for e in model.edges.get(fq, ()))}


@register
class LockHeldAcrossUnboundedWait(Rule):
    """An `asyncio.Lock` held while awaiting something with no bound: a queue `get`/`put`,
    an `Event.wait()`, a websocket or stream read, or external I/O with no effective
    timeout, directly or in an awaited callee.

    What it finds:
        Awaits on `asyncio.Queue.get/put/join`, `asyncio.Event.wait`, `Condition.wait`,
        websocket `receive*` and stream reads, and external calls the resilience analysis
        finds without any timeout (an httpx client built with `timeout=None`, `pool.acquire()`
        without `timeout=`), made inside `async with <lock>:` (or in a coroutine awaited from
        inside it) with no `asyncio.wait_for`/`timeout` around them. Semaphores are left out.
        I/O that has a timeout (httpx's 5 s default included) is not reported.

    Why it matters:
        The wait ends only when another task puts, sets or sends. If that task needs the same
        lock first, or the peer never sends, the lock is never released and every task that
        wants it hangs: an await-level deadlock with nothing in the logs.

    Example:
        async with self._lock:
            job = await self.queue.get()

    Instead:
        Wait outside the lock and take it only for the shared-state update, or bound the wait:

            job = await self.queue.get()
            async with self._lock:
                self._active[job.id] = job
    """

    id = "RA306"
    name = "lock-held-across-unbounded-wait"
    category = "deadlock"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        locks = LockIndex(model)
        candidates = []  # awaits made while an asyncio lock is held
        for fq, facts, func in model.iter_functions():
            if not func.is_async or is_test_path(facts.path):
                continue
            for edge in model.edges.get(fq, ()):
                if not edge.site.locks_held or edge.site.used_as not in ("await", "async-with"):
                    continue
                held = [lock for expr in edge.site.locks_held if (lock := locks.lock(fq, expr)) is not None
                        and not lock.is_semaphore and lock.kind.startswith(("asyncio.", "anyio."))]
                if held:
                    candidates.append((fq, edge, held[-1]))
        ctx.examine("awaits under an asyncio lock", len(candidates))
        if not candidates:
            return
        entries = entry_index(ctx)
        unbounded = _Waits(model)
        waiting = unbounded.functions(model)
        seeds = {fq: None for fq in model.functions if fq in waiting}
        chains = model.reach(seeds, lambda e: e.site.used_as == "await" and not entries.spawned(e))
        for fq, edge, lock in candidates:
            callee = model.callee_function(edge.target)
            if unbounded(edge):
                yield self._finding(ctx, fq, edge, lock, [], unbounded)
            elif callee and callee in chains and edge.site.used_as == "await":
                yield self._finding(ctx, fq, edge, lock, chains[callee], unbounded)

    def _finding(self, ctx: ProjectContext, fq: str, edge: Edge, lock, chain: list[Edge], unbounded: _Waits) -> Finding:
        model = ctx.model
        wait = chain[-1] if chain else edge
        wait_edge = next((e for e in model.edges[model.callee_function(wait.target)] if unbounded(e)), None) \
            if chain else edge
        waited = target_name(wait_edge) if wait_edge is not None else "a wait"
        io = wait_edge is not None and (wait_edge.caller, wait_edge.site.line) in unbounded.io
        if io:
            waited = unbounded.io[(wait_edge.caller, wait_edge.site.line)]
        via = f" through `{short(edge.target.name)}`" if chain else ""
        if io:
            description = (f"`{short(fq)}` holds `{lock.short}` (`{lock.kind}`) while awaiting `{waited}`{via}, which has "
                           f"no effective timeout. A peer that stops answering keeps the lock held indefinitely: every "
                           f"task that needs `{lock.short}` queues behind it and none of them ever finishes.")
        else:
            description = (f"`{short(fq)}` holds `{lock.short}` (`{lock.kind}`) while awaiting `{waited}`{via}. That "
                           f"wait ends only when another task or peer acts; until then every task that needs "
                           f"`{lock.short}` is stuck behind it, and if the producer itself needs the lock, forever.")
        related = [location(model, e, f"calls `{short(e.target.name)}`") for e in chain]
        if chain and wait_edge is not None:
            related.append(location(model, wait_edge, f"unbounded wait `{waited}`"))
        recommendation = ("Await outside the lock and hold it only for the state update, or bound the wait:\n\n"
                          f"    result = await asyncio.wait_for({call_source(model, edge)}, timeout=5)")
        return self.finding(location(model, edge), f"`{lock.short}` held while awaiting `{waited}` in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)
