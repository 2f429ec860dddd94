"""RA306 deadlock: an asyncio lock held while waiting on something that may never come (or take minutes)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...facts.types import LockUse
from ...findings import Finding, Location
from ...knowledge.clients import STREAM_READS
from ...model.app import is_test_path
from ...model.origins import arguments_for
from ...model.project import Edge
from ...model.resilience import blocks as blk
from ...model.resilience import analysis
from ..api import ProjectContext, Rule, register
from ._blocking import location, short, target_name
from ._drain_barrier import drains_without_lock
from ._entries import entry_index
from ._lockgraph import held_at
from ._locks import Lock, LockIndex, built_at, handed_out, keyed_uses, typed_locks
from ._passed import passed_coroutines
from ._text import call_source
from ._buffers import unbounded as unbounded_queue

# Waits that end only when another task or a remote peer acts: no timeout of their own.
_WAIT_SUFFIXES = (".Queue.get", ".Queue.put", ".Queue.join", ".PriorityQueue.get", ".LifoQueue.get",
                  ".Event.wait", ".Condition.wait", ".Condition.wait_for", ".Future",
                  ".WebSocket.receive", ".WebSocket.receive_text", ".WebSocket.receive_json",
                  ".WebSocket.receive_bytes", ".WebSocketClientProtocol.recv") + tuple(
    f".StreamReader.{verb}" for verb in sorted(STREAM_READS))
# Reads that end only when a remote peer sends: the producer is outside the process.
_PEER_READS = (".WebSocket.receive", ".WebSocket.receive_text", ".WebSocket.receive_json",
               ".WebSocket.receive_bytes", ".WebSocketClientProtocol.recv") + tuple(
    f".StreamReader.{verb}" for verb in sorted(STREAM_READS))
_LONG_WAIT = 60.0  # seconds: a wait bounded by less is a short convoy (a token refresh), not a stall
# Sends on a client's websocket: no timeout, and they stall while that client's TCP buffer is full.
_SOCKET_SENDS = frozenset({"send_text", "send_json", "send_bytes"})


def _waits_on_peer(edge: Edge) -> bool:
    name = target_name(edge)
    return bool(name) and edge.site.used_as == "await" and name.endswith(_WAIT_SUFFIXES)


def _put_never_waits(model, edge: Edge) -> bool:
    """`await queue.put(item)` on a queue built without `maxsize` (here, on `self` or in the module
    that defines it): an unbounded queue always has room, so the put returns at once."""
    site = edge.site
    if not site.func or site.func[-1] != "put" or len(site.func) < 2:
        return False
    facts, func = model.functions[edge.caller]
    built = built_at(model, facts, func, list(site.func[:-1]))
    return bool(built) and all(made is not None and made.name.endswith("Queue") and unbounded_queue(made)
                               for _, _, made in built)


class _Waits:
    """Awaits with no useful bound: waits on another task or peer, and external calls the
    resilience analysis finds without any effective timeout (httpx `timeout=None`,
    `pool.acquire()`) or with one of a minute or more (aiohttp's 300 s default)."""

    def __init__(self, model) -> None:
        self.io: dict[tuple[str, int], str] = {}
        self.limit: dict[tuple[str, int], float] = {}  # the long timeout of a bounded call
        self.remote: set[tuple[str, int]] = set()  # HTTP calls to another service bounded by a short timeout
        self.sends: set[tuple[str, int]] = set()  # sends to client sockets in a loop under the lock
        self.database: set[tuple[str, int]] = set()  # waits for the database (a pool's connection)
        self.model = model
        self.bounded_sites = analysis(model).guards.bounded_sites  # inside `asyncio.timeout`, through `wait_for`
        for call in analysis(model).calls:
            if call.kind == "database":
                self.database.add((call.fq, call.site.line))
            if call.unbounded or _long(call):
                self.io[(call.fq, call.site.line)] = call.operation
                if not call.unbounded:
                    self.limit[(call.fq, call.site.line)] = float(call.timeout)
            elif call.kind == "http-client" and call.site.used_as in ("await", "async-with"):
                self.io[(call.fq, call.site.line)] = call.operation
                self.remote.add((call.fq, call.site.line))
                if isinstance(call.timeout, (int, float)) and not isinstance(call.timeout, bool):
                    self.limit[(call.fq, call.site.line)] = float(call.timeout)

    def add_send(self, edge: Edge) -> None:
        """A send to a client socket made once per item of a loop inside the lock: a wait on each
        client in turn, however slow (`_looped_send`)."""
        key = (edge.caller, edge.site.line)
        self.io[key] = f"WebSocket.{edge.site.func[-1]}"
        self.sends.add(key)

    def bounded(self, edge: Edge) -> bool:
        """The await is made inside `async with asyncio.timeout(...)` (or `async_timeout.timeout`)
        or through `asyncio.wait_for(...)`: it ends within that bound, lock or not."""
        return id(edge.site) in self.bounded_sites

    def __call__(self, edge: Edge) -> bool:
        if self.bounded(edge):
            return False
        if _waits_on_peer(edge):
            return not _put_never_waits(self.model, edge)
        return edge.site.used_as in ("await", "async-with") and (edge.caller, edge.site.line) in self.io

    def functions(self, model) -> set[str]:
        """Functions making such an await, found from the waits' names and the unbounded
        calls' places rather than by testing every call of the project."""
        callers = {fq for fq, _line in self.io}
        callers.update(edge.caller for name in model.target_names()
                       if name.endswith(_WAIT_SUFFIXES) or f"builtins.{name}".endswith(_WAIT_SUFFIXES)
                       for edge in model.calls_to(name))
        return {fq for fq in callers if any(self(e) for e in model.edges.get(fq, ()))}


def _awaits_under_lock(model, locks: LockIndex, fq: str, func) -> Iterator[tuple[str, Edge, Lock, str]]:
    """(fq, edge, lock, expression) of each await made while an asyncio lock is held: a lock named
    at the `async with`, or one a helper or family hands out (`async with account_lock(id):`,
    `async with self._locks[key]:`), whose block the await is in."""
    handed = [(use, lock) for use in [*typed_locks(locks, fq, func), *keyed_uses(locks, fq, func)]
              if (lock := locks.lock(fq, use.expr)) is not None]
    for edge in model.edges.get(fq, ()):
        if edge.site.used_as not in ("await", "async-with"):
            continue
        held = [(lock, expr) for expr in edge.site.locks_held if (lock := locks.lock(fq, expr)) is not None]
        held += [(lock, use.expr) for use, lock in handed if use.line < edge.site.line <= use.end_line]
        held = [(lock, expr) for lock, expr in held
                if not lock.is_semaphore and lock.kind.startswith(("asyncio.", "anyio."))
                and not _releases_while_waiting(model, locks, edge, lock, expr)]
        if held:
            yield (fq, edge, *held[-1])


def _releases_while_waiting(model, locks: LockIndex, edge: Edge, lock: Lock, expr: str) -> bool:
    """`async with cond: await cond.wait_for(pred)`: a condition's `wait`/`wait_for` releases its
    own lock while it waits and takes it back on wake-up, so the producer can notify; so does the
    wait of a condition built over the held lock (`async with self._lock: await self._cond.wait()`
    after `self._cond = asyncio.Condition(self._lock)`)."""
    waited = _condition_waited(edge)
    return bool(waited) and (waited == expr or _condition_over(model, locks, edge.caller, waited, lock))


def _condition_over(model, locks: LockIndex, fq: str, condition: str, lock: Lock) -> bool:
    """The condition `fq` names is constructed over `lock` (`asyncio.Condition(self._lock)`, or
    `lock=`): the condition and the lock are one lock, which its `wait` gives up until it wakes."""
    known = model.memo("lock_held_across_unbounded_wait.conditions_built", dict)
    if (fq, condition) not in known:
        facts, func = model.functions[fq]
        known[fq, condition] = built_at(model, facts, func, condition.split("."))
    for _module, _scope, site in known[fq, condition]:
        if site is None or not site.name.endswith("Condition"):
            continue
        made = site.args[0] if site.args else site.kwargs.get("lock")
        ref = made.get("ref") if isinstance(made, dict) else None
        found = locks.lock(fq, ref) if isinstance(ref, str) else None
        if found is not None and found.id == lock.id:
            return True
    return False


def _condition_waited(edge: Edge) -> str:
    """The condition a `cond.wait()` / `cond.wait_for(pred)` call waits on ("" for any other call):
    the one whose lock the wait gives up until it wakes."""
    func = edge.site.func
    return ".".join(func[:-1]) if func and len(func) > 1 and func[-1] in ("wait", "wait_for") else ""


def _waits_on_held_condition(model, locks: LockIndex, chain: list[Edge], lock: Lock, unbounded: "_Waits") -> bool:
    """Every wait of the awaited callee is `wait`/`wait_for` on the very condition the caller
    holds (`async with self._topology: await self._wait_for_groups()`, which loops on
    `await self._topology.wait()`): the wait releases that lock while it waits, as it does when
    written in the block itself (`_releases_while_waiting`)."""
    waits = _callee_waits(model, chain, unbounded) or []
    return bool(waits) and all(_condition_wait_on(model, locks, edge, lock) for edge in waits)


def _drains(model, locks: LockIndex, edge: Edge, chain: list[Edge], lock: Lock, unbounded: "_Waits") -> bool:
    """Every wait reached is a drain barrier on `lock` (`_drain_barrier`): its producers never need it."""
    waits = _callee_waits(model, chain, unbounded)
    waits = [edge] if waits is None else waits
    return bool(waits) and all(drains_without_lock(model, locks, wait, lock) for wait in waits)


def _callee_waits(model, chain: list[Edge], unbounded: "_Waits") -> list[Edge] | None:
    """The unbounded waits of the awaited callee at the end of `chain`; None when the wait is the
    held block's own call (no chain, or one ending outside the project)."""
    callee = model.callee_function(chain[-1].target) if chain else None
    return [edge for edge in model.edges.get(callee, ()) if unbounded(edge)] if callee else None


def _condition_wait_on(model, locks: LockIndex, edge: Edge, lock: Lock) -> bool:
    """The wait is on a condition that is `lock` itself (`self._topology.wait()` under `self._topology`),
    or one built over it (`_condition_over`)."""
    waited = _condition_waited(edge)
    found = locks.lock(edge.caller, waited) if waited else None
    return found is not None and found.id == lock.id or bool(waited) and _condition_over(
        model, locks, edge.caller, waited, lock)


def _long(call) -> bool:
    """A timeout so long that tasks queued on a lock held across the call wait minutes."""
    return isinstance(call.timeout, (int, float)) and not isinstance(call.timeout, bool) \
        and call.timeout >= _LONG_WAIT and not call.bounded_by


@register
class LockHeldAcrossUnboundedWait(Rule):
    """An `asyncio.Lock` held while awaiting something with no useful bound: a queue
    `get`/`put`, an `Event.wait()`, a websocket or stream read, or external I/O with no
    effective timeout or one of a minute or more, directly or in an awaited callee.

    What it finds:
        Awaits on `asyncio.Queue.get/put/join`, `asyncio.Event.wait`, `Condition.wait`,
        websocket `receive*` and stream reads, and external calls the resilience analysis
        finds without any timeout (an httpx client built with `timeout=None`, `pool.acquire()`
        without `timeout=`) or with an effective timeout of 60 s or more (an aiohttp session
        left at its 300 s default), made inside `async with <lock>:` (or in a coroutine
        awaited from inside it) with no `asyncio.wait_for`/`timeout` around them. The finding
        sits on the `async with` that takes the lock, with each such await as a related
        location. Semaphores are left out. I/O bounded by less than a minute (httpx's 5 s
        default, a token refresh with a 15 s timeout) is reported only when the lock guards
        nothing but the call, or only a lookup by key (`self._recent.get(ticket_id)`, a row
        fetched for a parameter, `if job.id in self._running:`) for one lock over all keys, or
        when the call is made once per item of a loop inside the lock (the hold grows with the
        data). Calls reached through a
        breaker or retryer the coroutine function is handed to (`await
        breaker.call_async(self._transfer, req)`) count as awaited there. A per-key lock (one of a
        `defaultdict(asyncio.Lock)` table, whatever the table is called) held over that key's
        database work, a call with a timeout of its own or that key's socket sends serialises one
        key's work, which is what it is for: it is reported only for a wait with no bound at all.
        A drain barrier is left out: `await self._drained.wait()` under the lock where every
        `self._drained.set()` of the class runs without that lock (in-flight work setting it as
        it finishes), so nothing new starts while the work drains and no cycle can form.

    Why it matters:
        The wait ends only when another task puts, sets or sends, or when a long timeout
        expires. If that task needs the same lock first, the lock is never released: an
        await-level deadlock with nothing in the logs. If a remote peer never sends, there is
        no cycle, but every task that wants the lock hangs behind that one peer all the same. With a timeout of minutes, every waiter queues behind the slow
        call in turn.

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
            if func.is_async and not is_test_path(facts.path):
                candidates.extend(_awaits_under_lock(model, locks, fq, func))
        ctx.examine("awaits under an asyncio lock", len(candidates))
        if not candidates:
            return
        entries = entry_index(ctx)
        unbounded = _Waits(model)
        waiting = unbounded.functions(model)
        seeds = {fq: None for fq in model.functions if fq in waiting}
        chains = _through_wrappers(model, seeds, lambda e: e.site.used_as == "await" and not entries.spawned(e)
                                   and not unbounded.bounded(e))
        holds: dict[tuple[str, int], list[_Hit]] = {}  # one finding per `async with` that holds the lock
        for fq, edge, lock, expr in candidates:
            chain = _wait_chain(model, edge, expr, unbounded, chains)
            if chain is None or _waits_on_held_condition(model, locks, chain, lock, unbounded) \
                    or _drains(model, locks, edge, chain, lock, unbounded):
                continue
            line = held_at(model.functions[fq][1], expr, edge.site.line) or edge.site.line
            holds.setdefault((fq, line), []).append(_Hit(edge, lock, chain))
        for (fq, line), hits in holds.items():
            found = self._judge(ctx, fq, line, hits, unbounded)
            if found is not None:
                yield found

    def _judge(self, ctx: ProjectContext, fq: str, line: int, hits: list["_Hit"], unbounded: _Waits
               ) -> Finding | None:
        """The finding for one `async with` holding the lock across `hits`, if the hold is long."""
        func = ctx.model.functions[fq][1]
        kept = [hit for hit in hits if not _serialises_key(ctx.model, hit, unbounded)]
        long_waits = [hit for hit in kept if not _remote(ctx.model, hit, unbounded) or _looped(func, line, hit)]
        if long_waits:
            return self._finding(ctx, fq, line, long_waits, unbounded)
        if len(kept) < len(hits):
            return None  # a per-key lock over that key's own work: only a wait with no bound counts
        if _guards_only_the_call(func, line, hits[0].edge.site.line, hits):
            return self._finding(ctx, fq, line, hits, unbounded)
        keyed = _keyed_lookup_only(func, line, hits[0].edge.site.line, hits) \
            or _keyed_membership_only(ctx.model, fq, line, hits)
        return self._finding(ctx, fq, line, hits, unbounded, keyed) if keyed else None

    def _finding(self, ctx: ProjectContext, fq: str, line: int, hits: list["_Hit"], unbounded: _Waits,
                 keyed: str = "") -> Finding:
        model = ctx.model
        first = hits[0]
        edge, lock, chain = first.edge, first.lock, first.chain
        wait_edge = _wait_edge(model, first, unbounded)
        waited = target_name(wait_edge) if wait_edge is not None else "a wait"
        key = (wait_edge.caller, wait_edge.site.line) if wait_edge is not None else None
        io = key in unbounded.io
        if io:
            waited = unbounded.io[key]
        via = f" through `{short(edge.target.name)}` (line {edge.site.line})" if chain \
            else f" at line {edge.site.line}"
        held = f"`{short(fq)}` holds `{lock.short}` (`{lock.kind}`) from line {line} while awaiting `{waited}`{via}"
        looped = _looped(model.functions[fq][1], line, first)
        description = _describe(fq, line, edge, lock, held, key, unbounded, keyed, looped,
                                peer=waited.endswith(_PEER_READS))
        if len(hits) > 1:
            description += f" The same block awaits {len(hits) - 1} more such call{'s' if len(hits) > 2 else ''}."
        related = [location(model, edge, "the await made while the lock is held")]
        related += [location(model, e, f"calls `{short(e.target.name)}`") for e in chain[1:]]
        if chain and wait_edge is not None:
            related.append(location(model, wait_edge, f"the wait: `{waited}`"))
        related += [location(model, other.edge, "also awaited while the lock is held") for other in hits[1:]]
        recommendation = ("Await outside the lock and hold it only for the state update, or bound the wait:\n\n"
                          f"    result = await asyncio.wait_for({call_source(model, edge)}, timeout=5)")
        if looped:
            recommendation = ("Take the lock only to claim the batch (or per item), and make the calls outside it:\n\n"
                              f"    async with {lock.written}:\n        batch = ...  # claim the items\n"
                              f"    for item in batch:\n        result = await {call_source(model, edge)}")
        if key in unbounded.sends:
            recommendation = ("Copy the sockets under the lock and send outside it, each send bounded (and a client "
                              "that stays slow dropped):\n\n"
                              f"    async with {lock.written}:\n        targets = list(...)\n"
                              "    for socket in targets:\n"
                              f"        await asyncio.wait_for({call_source(model, edge)}, timeout=5)")
        facts, _ = model.functions[fq]
        return self.finding(Location(facts.path, line, line),
                            f"`{lock.short}` held while awaiting `{waited}` in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


def _wait_chain(model, edge: Edge, expr: str, unbounded: "_Waits", chains: dict[str, list[Edge]]
                ) -> list[Edge] | None:
    """The awaited calls from `edge` down to the wait ([] when `edge` waits itself), or None when
    it does not wait without a useful bound."""
    callee = model.callee_function(edge.target)
    if unbounded.bounded(edge):
        return None  # `await asyncio.wait_for(self._exchange(), 5)` under the lock: bounded
    if unbounded(edge):
        return []
    if _looped_send(model.functions[edge.caller][1], edge, expr):
        unbounded.add_send(edge)
        return []
    if callee and callee in chains and edge.site.used_as == "await":
        chain = [edge, *chains[callee]]
        return None if _bounded_by_arguments(model, chain, unbounded, chains) else chain
    return None


def _looped_send(func, edge: Edge, expr: str) -> bool:
    """`async with self._lock: for ws in self._sockets: await ws.send_text(...)`: a send on a
    websocket (resolved to one, or by a websocket's own send methods on an unknown receiver) made
    once per item of a loop that runs inside the block holding the lock."""
    site = edge.site
    if not site.func or len(site.func) != 2 or site.func[-1] not in _SOCKET_SENDS or site.used_as != "await":
        return False
    typed = edge.target.kind == "external" and ".WebSocket." in f".{edge.target.name}"
    if not typed and edge.target.kind != "unresolved":
        return False
    line = held_at(func, expr, site.line)
    return any(w["line"] == line and line < site.loop_line <= w["end"] for w in func.extra.get("withs", ()))


def _describe(fq: str, line: int, edge: Edge, lock: Lock, held: str, key, unbounded: "_Waits", keyed: str,
              looped: bool, peer: bool = False) -> str:
    """Why the hold is long: client sockets in turn, remote calls (for one lock over all keys, once per
    item, or alone), a long or missing timeout, or a wait on another task or peer."""
    io, remote = key in unbounded.io, key in unbounded.remote
    capped = ". Throughput is capped at one call per latency, and a slow provider stalls every request queued " \
             "on the lock."
    if key in unbounded.sends:
        return (f"`{short(fq)}` holds `{lock.short}` (`{lock.kind}`) from line {line} while sending to each client "
                f"socket of the loop at line {edge.site.loop_line} in turn (`{unbounded.io[key]}` at line "
                f"{edge.site.line}). A send has no timeout and waits while a slow or stalled client's buffer is "
                "full: one such client holds the lock for the whole loop, and every task that needs "
                f"`{lock.short}` (joins, leaves, other broadcasts) waits behind it.")
    if io and remote and keyed:
        return (f"{held}, a call to another service. Besides the call, the lock guards only a lookup of "
                f"{keyed}: one lock for every key, so a call for one key waits for the round trip of "
                "every other key's call" + _slow(unbounded, key, " each") + capped)
    if io and remote and looped:
        return (f"{held}, a call to another service made once per item of the loop at line "
                f"{edge.site.loop_line}, inside the locked block. The lock stays held for one round trip "
                "per item" + _slow(unbounded, key, " each") + ", so the hold grows with the data and "
                f"has no bound: every task that needs `{lock.short}` waits for the whole batch.")
    if io and remote:
        return (f"{held}, a call to another service, and the lock guards nothing else in the block: every "
                f"`{short(fq)}` in the process runs one at a time, each waiting for the previous one's "
                "round trip" + _slow(unbounded, key) + capped)
    if io and key in unbounded.limit:
        return (f"{held}, which may take up to {unbounded.limit[key]:g} s (its effective timeout). "
                f"Every task that needs `{lock.short}` queues behind that call, so one slow peer stalls "
                f"all of them for minutes, and each waiter in turn can hold the lock as long again.")
    if io:
        return (f"{held}, which has no effective timeout. A peer that stops answering keeps the lock held "
                f"indefinitely: every task that needs `{lock.short}` queues behind it and none of them "
                f"ever finishes.")
    if peer:
        return (f"{held}, with no timeout. The read ends only when the remote peer sends: a peer that stops "
                f"answering keeps the lock held indefinitely, and every task that needs `{lock.short}` hangs "
                "behind that one peer (no lock cycle is needed: one unresponsive peer stalls them all).")
    return (f"{held}. That wait ends only when another task or peer acts; until then every task that "
            f"needs `{lock.short}` is stuck behind it, and if the producer itself needs the lock, "
            f"forever.")


def _bounded_by_arguments(model, chain: list[Edge], unbounded: "_Waits", chains: dict[str, list[Edge]]) -> bool:
    """Some hop of the chain passes a value for a parameter the next function waits without only
    when it is None (`read_frame(reader, timeout=10.0)`, where `read_frame` awaits the bare read
    under `if timeout is None:` and `wait_for(read(), timeout)` otherwise)."""
    for edge in chain:
        callee = model.callee_function(edge.target)
        if callee not in model.functions:
            continue
        func = model.functions[callee][1]
        waits = [e for e in model.edges.get(callee, ()) if unbounded(e) or e.site.used_as == "await"
                 and model.callee_function(e.target) in chains]
        guards = _none_guards(func, waits)
        passed = [value for index, param in enumerate(func.params) if param.name in guards
                  for _, value in arguments_for([edge], func, index)]
        if any(value is not None and not isinstance(value, dict) for value in passed):
            return True  # a constant: the bounded branch runs
    return False


def _none_guards(func, waits: list[Edge]) -> set[str]:
    """Parameters every one of the waits depends on being None (`if timeout is None:` around them)."""
    params = {p.name for p in func.params}
    guards = None
    for edge in waits:
        absent = {n for b in blk.enclosing(func, edge.site.line, "if") for n in b.get("absent", ()) if n in params}
        guards = absent if guards is None else guards & absent
    return guards or set()


def _through_wrappers(model, seeds: dict[str, None], follow) -> dict[str, list[Edge]]:
    """`model.reach`, also across coroutines passed to a project wrapper that awaits them
    (`await self._breaker.call(self._complete, ...)` waits as long as `_complete` does)."""
    chains = model.reach(seeds, follow)
    linked = {}
    for caller, edges in passed_coroutines(model).items():
        hop = next((e for e in edges if e.target.name in chains), None)
        if hop is not None and caller not in chains:
            linked[caller] = [hop, *chains[hop.target.name]]
    if not linked:
        return chains
    for fq, chain in model.reach(dict.fromkeys(linked), follow).items():
        if fq not in chains:
            seed = model.callee_function(chain[-1].target) if chain else fq
            chains[fq] = [*chain, *linked[seed]]
    return chains


def _remote(model, hit: "_Hit", unbounded: _Waits) -> bool:
    """The hit waits only on a short-timeout call to another service (not on a peer, an unbounded
    call, or client sockets in turn)."""
    wait = _wait_edge(model, hit, unbounded)
    return wait is not None and (wait.caller, wait.site.line) in unbounded.remote


def _slow(unbounded: _Waits, key, each: str = "") -> str:
    """The call's effective timeout, when known, as a parenthesis for the description."""
    return f" (up to {unbounded.limit[key]:g} s{each} when the service is slow)" if key in unbounded.limit else ""


def _use_at(func, line: int):
    """The lock-named `with` recorded at `line`, or the `with` on a lock a helper hands out there
    (`async with account_lock(id):`); None when none is recorded."""
    use = next((u for u in func.locks if u.line == line), None)
    entry = next((w for w in func.extra.get("withs", ()) if w["line"] == line and handed_out(w["expr"])),
                 None) if use is None else None
    return LockUse(entry["expr"], entry["line"], entry["end"], entry["async"]) if entry else use


def _looped(func, line: int, hit: "_Hit") -> bool:
    """The call is made once per item of a loop that runs inside the `async with` at `line`
    (`for payout in pending: await self._escrow.release(...)`): the lock is held for as many round
    trips as there are items, so however short each call's timeout, the hold has no bound."""
    use = _use_at(func, line)
    return use is not None and line < hit.edge.site.loop_line <= use.end_line


def _guards_only_the_call(func, line: int, first: int, hits: list["_Hit"]) -> bool:
    """The `async with` at `line` holds the lock for the remote call alone: no shared state
    written anywhere in the block (a refresh storing what it fetched, a sequence number that
    orders the calls) and nothing tested before the call (a single-flight refresh tests its
    cache there), so the lock protects nothing and only serialises the calls."""
    use = _use_at(func, line)
    if use is None or len(hits) > 1:
        return False
    if any(line < s["line"] <= use.end_line and "." in s["target"] for s in func.extra.get("stores", ())):
        return False
    return not any(b.get("kind") == "if" and line < b["line"] <= first for b in func.extra.get("blocks", ()))


def _keyed_lookup_only(func, line: int, first: int, hits: list["_Hit"]) -> str:
    """The `async with` at `line` guards, besides the remote call, only `if`s on a per-key lookup
    made in the block (`cached = self._recent.get(ticket_id)` with `ticket_id` a parameter): a
    single-flight cache fill for one key under one lock for all keys. Returns the lookup as
    text ("" otherwise)."""
    use = _use_at(func, line)
    tests = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and line < b["line"] <= first]
    if use is None or len(hits) > 1 or not tests:
        return ""
    params = {p.name for p in func.params} - {"self", "cls"}
    lookups = {}
    for name, value in func.local_types.items():
        if isinstance(value, dict) and str(value.get("call", "")).startswith("self.") \
                and line < value.get("line", 0) < first:
            site = next((c for c in func.calls if c.line == value["line"] and c.name == value["call"]), None)
            key = _key_argument(site, params) if site is not None else ""
            if key and str(value["call"]).endswith(".get"):
                lookups[name] = f"`{value['call'][:-4]}` by `{key}`"
            elif key and site.awaited:  # a row fetched by key (`await self._repo.get_by_id(conn, participant_id)`)
                lookups[name] = f"the row `{value['call']}` returns for `{key}`"
    if any(b.get("calls") or not b.get("names") or not set(b["names"]) <= lookups.keys()
           or any(chain.split(".")[0] not in lookups for chain in b.get("chains", ())) for b in tests):
        return ""
    return lookups[tests[0]["names"][0]]


_MEMBERSHIP = re.compile(r"\s*if\s+(\w+(?:\.\w+)?)\s+(?:not\s+)?in\s+(self\.\w+)\s*:")


def _keyed_membership_only(model, fq: str, line: int, hits: list["_Hit"]) -> str:
    """The `async with` at `line` guards, besides the remote call, only membership tests of a
    parameter's key in the object's own set (`if payment.id in self._in_flight: return`): per-key
    deduplication under one lock for all keys. Returns the test as text ("" otherwise)."""
    facts, func = model.functions[fq]
    first = hits[0].edge.site.line
    use = _use_at(func, line)
    tests = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and line < b["line"] <= first]
    if use is None or len(hits) > 1 or not tests or any(b.get("calls") for b in tests):
        return ""
    params = {p.name for p in func.params} - {"self", "cls"}
    found = [_MEMBERSHIP.match(model.line_text(facts.path, b["line"])) for b in tests]
    if not all(m and m.group(1).split(".")[0] in params for m in found):
        return ""
    return f"`{found[0].group(2)}` by `{found[0].group(1)}`"


def _key_argument(site, params: set[str]) -> str:
    """The parameter passed as the lookup key: the first argument of a dict-style `get`, any
    positional argument of an awaited fetch (a connection may come first)."""
    args = site.args[:1] if site.name.endswith(".get") else site.args
    return next((arg["ref"] for arg in args if isinstance(arg, dict) and arg.get("ref") in params), "")


@dataclass
class _Hit:
    edge: Edge  # the await made while the lock is held
    lock: Lock
    chain: list[Edge]  # awaited calls from the await down to the function that waits ([] when the await waits)


def _serialises_key(model, hit: _Hit, unbounded: _Waits) -> bool:
    """A per-key lock (`self._ticket_locks[ticket_id]`) held across the key's own database work, a
    call with a timeout of its own (however long) or sends to that key's sockets: it queues only that
    key's callers, which is what a per-key lock is for (one update per row, one completion per ticket,
    writes to a socket not interleaved); held across a call to another service with no bound at all,
    one stuck call keeps that key locked for good."""
    if hit.lock.scope != "keyed":
        return False
    edge = _wait_edge(model, hit, unbounded)
    key = (edge.caller, edge.site.line) if edge is not None else None
    return key in unbounded.sends or key in unbounded.database or (key in unbounded.limit
                                                                   and key not in unbounded.remote)


def _wait_edge(model, hit: _Hit, unbounded: _Waits) -> Edge | None:
    if not hit.chain:
        return hit.edge
    return next((e for e in model.edges[model.callee_function(hit.chain[-1].target)] if unbounded(e)), None)
