"""The lock-order graph: which lock is taken while which other is held, directly or
through calls. Built once per run from the per-function lock facts and `model.reach`
(one breadth-first pass per distinct lock), shared by the deadlock rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...findings import Location
from ...knowledge.taskgroups import GROUP_OPENERS
from ...model.overrides import protocol_implementations
from ...model.passed import call_arguments
from ...model.project import Edge
from ._calls import param_receiving
from ._entries import entry_index
from ._locks import ASYNC_KINDS, THREAD_KINDS, Lock, LockIndex, acquisitions, released_at

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts
    from ...model.project import ProjectModel
    from ..api import ProjectContext

_KEY = "concurrency.lockgraph"


@dataclass(frozen=True)
class Acquire:
    """Lock `inner` taken while `outer` is held, at `where` (a `with` line or a call that
    leads to the acquisition at `inner_at`)."""

    outer: Lock
    inner: Lock
    function: str
    where: Location
    inner_at: Location | None = None  # the acquisition down the call chain, for calls
    via: tuple[Edge, ...] = ()
    outer_at: Location | None = None  # the `with` that took `outer` in `function`

    @property
    def start(self) -> Location:
        """Where the pair begins: the outer acquisition (the nested `with` or call when unknown)."""
        return self.outer_at or self.where


@dataclass
class LockGraph:
    locks: dict[str, Lock] = field(default_factory=dict)
    acquisitions: int = 0
    orders: list[Acquire] = field(default_factory=list)  # outer -> inner, outer != inner
    reentries: list[Acquire] = field(default_factory=list)  # the same lock taken again
    keyed_pairs: list[Acquire] = field(default_factory=list)  # two locks of one keyed family, nested
    index: LockIndex | None = None  # the lock resolver the graph was built with


def lock_graph(ctx: "ProjectContext") -> LockGraph:
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = _build(ctx)
    return ctx.extra[_KEY]


def _build(ctx: "ProjectContext") -> LockGraph:
    model = ctx.model
    index = LockIndex(model)
    graph = LockGraph(index=index)
    direct: dict[str, list[tuple[str, Location]]] = {}  # lock id -> (function, acquisition)
    for fq, facts, func in model.iter_functions():
        taken: dict[int, list[Lock]] = {}
        for use, lock, order in acquisitions(model, index, fq):
            graph.acquisitions += 1
            graph.locks[lock.id] = lock
            here = Location(facts.path, use.line, use.line)
            direct.setdefault(lock.id, []).append((fq, here))
            outers = [(index.lock(fq, expr), held_at(func, expr, use.line)) for expr in use.held_outer]
            outers += [(outer, use.line) for outer in taken.get(use.line, [])[:order]]
            for outer, line in outers:
                if outer is not None:
                    _add(graph, Acquire(outer, lock, fq, here, outer_at=_at(facts.path, line)))
            taken.setdefault(use.line, []).append(lock)
    _explicit_acquires(model, index, graph, direct)
    _through_calls(ctx, index, graph, direct)
    return graph


def _explicit_acquires(model: "ProjectModel", index: LockIndex, graph: LockGraph,
                       direct: dict[str, list[tuple[str, Location]]]) -> None:
    """`await self._lock.acquire()` / `self._lock.acquire()` (with a `release()` in a `finally`)
    takes the lock as surely as `with` does; a call with arguments (`blocking=False`, a
    timeout) can give up and is left out."""
    for edge in model.calls_named("acquire"):
        site = edge.site
        if not site.func or len(site.func) < 2 or site.args or site.kwargs or site.star_args:
            continue
        lock = index.lock(edge.caller, ".".join(site.func[:-1]))
        if lock is None or lock.kind not in THREAD_KINDS | ASYNC_KINDS:
            continue
        facts, func = model.functions[edge.caller]
        graph.acquisitions += 1
        graph.locks[lock.id] = lock
        here = Location(facts.path, site.line, site.line)
        direct.setdefault(lock.id, []).append((edge.caller, here))
        for expr in site.locks_held:
            outer = index.lock(edge.caller, expr)
            if outer is not None:
                held = _at(facts.path, held_at(func, expr, site.line))
                _add(graph, Acquire(outer, lock, edge.caller, here, outer_at=held))
        _held_until_release(model, index, graph, edge, lock, here)


def _held_until_release(model: "ProjectModel", index: LockIndex, graph: LockGraph, edge: Edge, lock: Lock,
                        taken: Location) -> None:
    """Locks taken with `with` after an explicit `acquire()` and before the matching `release()`
    (or the end of the function) nest inside it, as they would inside `with lock:`."""
    until = released_at(model.functions[edge.caller][1], edge.site)
    for use, inner, _ in acquisitions(model, index, edge.caller):
        if edge.site.line < use.line <= until:
            where = Location(taken.path, use.line, use.line)
            _add(graph, Acquire(lock, inner, edge.caller, where, outer_at=taken))


def _add(graph: LockGraph, acquire: Acquire) -> None:
    if acquire.outer.is_semaphore or acquire.inner.is_semaphore:
        return
    if acquire.outer.id == acquire.inner.id:
        if acquire.outer.scope != "keyed":  # two keys of one family may well be different locks
            graph.reentries.append(acquire)
        elif not acquire.via:
            graph.keyed_pairs.append(acquire)
    else:
        graph.orders.append(acquire)


def _through_calls(ctx: "ProjectContext", index: LockIndex, graph: LockGraph,
                   direct: dict[str, list[tuple[str, Location]]]) -> None:
    """Calls made while a lock is held, into code that takes another (or the same) lock."""
    model = ctx.model
    entries = entry_index(ctx)
    holding = _holding_calls(model, index)
    if not holding:
        return
    by_callee: dict[str, list[int]] = {}  # callee -> positions in `holding`, so that each lock
    for position, (_, _, callee, _) in enumerate(holding):  # visits only the calls into its chains
        by_callee.setdefault(callee, []).append(position)
    for lock_id in sorted(direct):
        lock = graph.locks[lock_id]
        seeds = {fq: None for fq, _ in direct[lock_id]}

        def follow(edge: Edge, lock: Lock = lock) -> bool:
            return not edge.site.offloaded and (not entries.spawned(edge) or joined_in_group(model, edge)) \
                and _same_object(edge, lock)

        chains = model.reach(seeds, follow)
        first_site = {fq: here for fq, here in reversed(direct[lock_id])}
        for fq, edge, callee, exprs in [holding[i] for i in sorted(i for c in chains.keys() & by_callee.keys()
                                                                    for i in by_callee[c])]:
            if not follow(edge) or entries.spawned(edge) and not _joined_under_lock(model, edge):
                continue
            chain = chains[callee]
            if switched_off(model, (edge, *chain)):
                continue
            taker = model.callee_function(chain[-1].target) if chain else callee
            _add_through(graph, index, model, lock, (edge, *chain), exprs, first_site.get(taker))


def switched_off(model: "ProjectModel", via: tuple[Edge, ...]) -> bool:
    """A step of the chain runs only under `if flag:` in its caller, and the call into that caller
    passes `flag` as a falsy constant (`list_projects(allow_cache=False)`, then `if allow_cache:
    self._refresh()`): that way down is never taken, so it takes no lock."""
    for into, step in zip(via, via[1:]):
        func = model.functions[step.caller][1]
        off = {name for name, value in call_arguments(func, into.site) if _falsy_constant(into.site, name, value)}
        if off and any(block.get("truthy") in off and block["line"] < step.site.line <= block["end"]
                       for block in (*func.extra.get("blocks", ()), *func.extra.get("sync_ifs", ()))):
            return True
    return False


def _falsy_constant(site: "CallSite", name: str, value: object) -> bool:
    """`flag=False`, `flag=0` or `flag=None` written at the call (None only where the facts say it is literal)."""
    return value is False or type(value) is int and value == 0 or value is None and name in site.none_kwargs


def _holding_calls(model: "ProjectModel", index: LockIndex) -> list[tuple[str, Edge, str, tuple[str, ...]]]:
    """(caller, edge, project callee, lock expressions held) of each call made while a lock is held;
    a call of a `Protocol` method (`await listener.on_offline(uid)`) runs each implementation's."""
    implementations = protocol_implementations(model)
    holding = []
    for fq in sorted(model.edges):
        func = model.functions[fq][1]
        spans = _explicit_spans(index, fq, func)
        for edge in model.edges[fq]:
            exprs = _held_exprs(index, fq, func, edge.site, spans)
            if exprs and (callee := model.callee_function(edge.target)):
                holding.append((fq, edge, callee, exprs))
                holding.extend((fq, edge, impl, exprs) for impl in implementations.get(callee, ()))
    return holding


def _add_through(graph: LockGraph, index: LockIndex, model: "ProjectModel", lock: Lock, via: tuple[Edge, ...],
                 exprs: tuple[str, ...], inner_at: Location | None) -> None:
    """Record `lock`, taken down the call chain `via`, under each lock held at its first call: a
    per-key lock taken again for the same key is a re-entry, any other pair a lock order."""
    edge = via[0]
    fq = edge.caller
    facts, func = model.functions[fq]
    here = Location(facts.path, edge.site.line, edge.site.end_line)
    for expr in exprs:
        outer = index.lock(fq, expr)
        if outer is None:
            continue
        acquire = Acquire(outer, lock, fq, here, inner_at, via, _at(facts.path, held_at(func, expr, edge.site.line)))
        if outer.id == lock.id and outer.scope == "keyed" and (_same_key_down(model, expr, acquire)
                                                               or _same_object_down(model, expr, acquire)):
            graph.reentries.append(acquire)
        else:
            _add(graph, acquire)


def _explicit_spans(index: LockIndex, fq: str, func: "FunctionFacts") -> list[tuple[str, int, int]]:
    """(lock expression, acquire line, release line) of each hand-written `lock.acquire()` that
    cannot give up (no arguments): the calls between them run with the lock held, as in a `with`."""
    spans = []
    for site in func.calls:
        if not site.func or site.func[-1] != "acquire" or len(site.func) < 2 \
                or site.args or site.kwargs or site.star_args:
            continue
        expr = ".".join(site.func[:-1])
        lock = index.lock(fq, expr)
        if lock is not None and lock.kind in THREAD_KINDS | ASYNC_KINDS:
            spans.append((expr, site.line, released_at(func, site)))
    return spans


def held_exprs(index: LockIndex, fq: str, func: "FunctionFacts", site) -> tuple[str, ...]:
    """The lock expressions held at a call, by `with` or by a hand-written `acquire()` before it."""
    return _held_exprs(index, fq, func, site, _explicit_spans(index, fq, func))


def _held_exprs(index: LockIndex, fq: str, func: "FunctionFacts", site,
                spans: list[tuple[str, int, int]]) -> tuple[str, ...]:
    explicit = tuple(expr for expr, start, end in spans if start < site.line <= end)
    withs = _with_exprs(index, fq, func, site)
    return withs + tuple(expr for expr in explicit if expr not in withs)


def _with_exprs(index: LockIndex, fq: str, func: "FunctionFacts", site) -> tuple[str, ...]:
    """The lock expressions held at a call: those the facts record (lock-named), else the
    enclosing `with` blocks whose expression the index resolves to a lock (`async with
    self._locks.claim(claim_id):`, a per-key lock a registry method hands out)."""
    if site.locks_held:
        return tuple(site.locks_held)
    if any(start <= site.line <= end for start, end in func.extra.get("deferred", ())):
        return ()  # a callback registered here runs later, outside the block
    return tuple(w["expr"] for w in func.extra.get("withs", ()) if w["line"] < site.line <= w["end"]
                 and index.lock(fq, w["expr"]) is not None)


def _same_key_down(model: "ProjectModel", expr: str, acquire: Acquire) -> bool:
    """The per-key lock taken again for the same key one call down: the holder's `with` on
    `self._locks.claim(claim_id)` calls `self.outstanding(claim_id)`, whose parameter receiving
    `claim_id` is the key its own `self._locks.claim(...)` takes again."""
    if len(acquire.via) != 1 or acquire.inner_at is None or acquire.outer_at is None:
        return False
    edge = acquire.via[0]
    callee = model.callee_function(edge.target)
    outer = _lock_key(model.functions[edge.caller][1], acquire.outer_at.start_line, expr)
    inner = _lock_key(model.functions[callee][1], acquire.inner_at.start_line, expr) if callee else None
    if outer is None or inner is None:
        return False
    return outer[0] == inner[0] and _key_received(model.functions[callee][1], edge.site, outer[1]) == inner[1]


def _key_received(callee: "FunctionFacts", site, key: str) -> str:
    """The name the callee knows the caller's key by: the parameter receiving it, or, for a value's
    attribute (`milestone.contract_id`), the same attribute of the parameter receiving that value
    (`release_funds(milestone)` keys on `milestone.contract_id` too). "" when it is not passed on."""
    received = param_receiving(callee, site, key)
    root, dot, attribute = key.partition(".")
    if received or not dot:
        return received
    holder = param_receiving(callee, site, root)
    return f"{holder}.{attribute}" if holder else ""


def _same_object_down(model: "ProjectModel", expr: str, acquire: Acquire) -> bool:
    """The lock of one object (`async with room.lock:`) taken again by a method of that same
    object further down: `room` is handed on call by call (`self._broadcast(room)` ->
    `publish_room(room)`) until `room.snapshot()` runs `async with self.lock`."""
    carried, _, _ = expr.rpartition(".")
    if not carried or "." in carried or not acquire.via or acquire.inner_at is None:
        return False
    for edge in acquire.via[:-1]:
        callee = model.callee_function(edge.target)
        carried = param_receiving(model.functions[callee][1], edge.site, carried) if callee else ""
        if not carried:
            return False
    last, taker = acquire.via[-1].site.func, model.callee_function(acquire.via[-1].target)
    return bool(last) and len(last) == 2 and last[0] == carried and bool(taker) and _takes_on_self(
        model.functions[taker][1], acquire.inner_at.start_line)


def _takes_on_self(func: "FunctionFacts", line: int) -> bool:
    """The `with` on `line` takes a lock of `self` (`async with self.lock:`)."""
    return any(w["line"] == line and w["expr"].split(".")[0] == "self" for w in func.extra.get("withs", ()))


def _lock_key(func: "FunctionFacts", line: int, expr: str) -> tuple[str, str] | None:
    """The one name a lock-handing call on `line` is given as key, as ("", name) (`claim_id` of
    `self._locks.claim(claim_id)`); None when it is given anything else. A key built by a plain
    function of one name (`hold(member_key(member_id))`) is (builder, name): the same builder
    given the same value builds the same key; so is an f-string of one name (`get(f"bay:{bay_id}")`),
    its template standing for the builder."""
    for site in func.calls:
        if site.line == line and site.func and ".".join(site.func) + "()" == expr:
            if len(site.args) != 1 or not isinstance(site.args[0], dict):
                return None
            ref, built = site.args[0].get("ref"), site.args[0].get("call")
            if "fstring" in site.args[0]:
                return _templated_key(func, line, expr, site.args[0]["fstring"])
            if ref:  # a name or a value's attribute (`env.id`), not a lock object's own state
                return ("", ref) if not ref.startswith(("self.", "cls.")) else None
            return _built_key(func, line, built) if built else None
    return None


def _templated_key(func: "FunctionFacts", line: int, expr: str, template: str) -> tuple[str, str] | None:
    """(template, name) for `self._locks.get(f"stand:{stand_id}")`, an f-string key with one name
    in it: the same template filled with the same value names the same lock."""
    names = next((w.get("key_names") for w in func.extra.get("withs", ()) if w["line"] == line and w["expr"] == expr),
                 None)
    if not names or len(names) != 1 or names[0].split(".")[0] in ("self", "cls"):
        return None
    return f"f{template!r}", names[0]


def _built_key(func: "FunctionFacts", line: int, builder: str) -> tuple[str, str] | None:
    """(builder, name) for `member_key(member_id)`, a call of a module-level function (no attribute:
    not a method whose result may depend on its object) given one name on `line`; None otherwise."""
    if "." in builder:
        return None
    for site in func.calls:
        if site.line == line and site.func == (builder,) and len(site.args) == 1 and not site.kwargs:
            ref = site.args[0].get("ref") if isinstance(site.args[0], dict) else None
            return (builder, ref) if ref and not ref.startswith("self.") else None
    return None


def group_of(model: "ProjectModel", edge: Edge) -> int:
    """The line of the `async with asyncio.TaskGroup() as tg:` whose `tg.create_task(...)` (or
    `start_soon`) the coroutine of `edge` is handed to on its line; 0 when there is none."""
    _, func = model.functions[edge.caller]
    groups = {e.site.line for e in model.edges.get(edge.caller, ())
              if e.site.used_as == "async-with" and e.target.name in GROUP_OPENERS}
    for site in func.calls:
        if site.line != edge.site.line or not site.func or len(site.func) != 2 \
                or site.func[-1] not in ("create_task", "start_soon", "start"):
            continue
        bound = func.local_types.get(site.func[0])
        if isinstance(bound, dict) and bound.get("entered") and bound.get("line") in groups:
            return int(bound["line"])
    return 0


def joined_in_group(model: "ProjectModel", edge: Edge) -> bool:
    """A coroutine spawned into a task group: the group's `async with` waits for it."""
    return group_of(model, edge) > 0


def _joined_under_lock(model: "ProjectModel", edge: Edge) -> bool:
    """Spawned into a task group opened inside the locked block: the block waits for the task
    before releasing the lock, so a lock the task takes is taken while this one is held."""
    group = group_of(model, edge)
    _, func = model.functions[edge.caller]
    return group > 0 and all(held_at(func, expr, edge.site.line) < group for expr in edge.site.locks_held)


def held_at(func: "FunctionFacts", expr: str, line: int) -> int:
    """The line of the innermost `with` on `expr` around `line` (0 when none is recorded)."""
    lines = [use.line for use in func.locks if use.expr == expr and use.line <= line <= use.end_line]
    lines += [w["line"] for w in func.extra.get("withs", ()) if w["expr"] == expr and w["line"] <= line <= w["end"]]
    return max(lines, default=0)


def _at(path: str, line: int) -> Location | None:
    return Location(path, line, line) if line else None


def _same_object(edge: Edge, lock: Lock) -> bool:
    """An instance lock is followed along calls on `self`, and into other classes' methods
    (`self.ledger.apply()` takes the ledger's lock, `listener.on_offline()` a listener's); a call
    from a class to another instance of itself would name a different lock and is not followed."""
    if lock.scope == "module" or (edge.site.func and edge.site.func[0] in ("self", "cls")):
        return True
    owner = lock.id.rsplit(".", 1)[0]
    return not edge.caller.startswith(owner + ".") or not edge.target.name.startswith(owner + ".")
