"""The lock-order graph: which lock is taken while which other is held, directly or
through calls. Built once per run from the per-function lock facts and `model.reach`
(one breadth-first pass per distinct lock), shared by the deadlock rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from ...findings import Location
from ...knowledge.taskgroups import GROUP_OPENERS
from ...model.overrides import protocol_implementations
from ...model.passed import call_arguments
from ...model.project import Edge
from ._entries import entry_index
from ._keyspaces import KeySpaces
from ._lock_sites import released_at
from ._lockid import ASYNC_KINDS, THREAD_KINDS, Lock
from ._locks import LockIndex
from ._reentry_keys import same_key_down, same_object_down

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts, LockUse
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
    spaces: KeySpaces | None = None  # narrows per-key locks to the namespace of their keys


def lock_graph(ctx: "ProjectContext") -> LockGraph:
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = _build(ctx)
    return ctx.extra[_KEY]


def _build(ctx: "ProjectContext") -> LockGraph:
    model = ctx.model
    index = LockIndex(model)
    spaces = KeySpaces(index)
    graph = LockGraph(index=index, spaces=spaces)
    direct: dict[str, list[tuple[str, Location]]] = {}  # lock id -> (function, acquisition)
    for fq, facts, func in model.iter_functions():
        taken: dict[int, list[Lock]] = {}
        for use, lock, order in _acquisitions(spaces, fq):
            graph.acquisitions += 1
            graph.locks[lock.id] = lock
            here = Location(facts.path, use.line, use.line)
            direct.setdefault(lock.id, []).append((fq, here))
            outers = held_locks(spaces, fq, func, use.held_outer, use.line)
            outers += [(outer, use.line) for outer in taken.get(use.line, [])[:order]]
            for outer, line in outers:
                _add(graph, Acquire(outer, lock, fq, here, outer_at=_at(facts.path, line)))
            taken.setdefault(use.line, []).append(lock)
    _explicit_acquires(model, spaces, graph, direct)
    _through_calls(ctx, spaces, graph, direct)
    return graph


def _acquisitions(spaces: KeySpaces, fq: str) -> Iterator[tuple["LockUse", Lock, int]]:
    """`acquisitions`, each per-key lock narrowed to the namespace of the key it is taken for."""
    for use, lock, order, nth in spaces.taken(fq):
        if not spaces.delegated(fq, lock):
            yield use, spaces.refine(fq, use.expr, use.line, lock, nth), order


def held_locks(spaces: KeySpaces, fq: str, func: "FunctionFacts", exprs, line: int) -> list[tuple[Lock, int]]:
    """(lock, line of the block that took it, 0 for none) of each lock `exprs` hold at `line`. Two
    blocks on one expression nested (`self._locks.hold(f"run:{r}")` around
    `self._locks.hold(f"pool:{p}")`) hold two locks when their keys differ in namespace; one lock
    held twice counts once, at its innermost block."""
    found: dict[str, tuple[Lock, int]] = {}
    for expr in dict.fromkeys(exprs):
        blocks = _block_lines(func, expr, line)
        for at in blocks or [_acquired_line(func, expr, line)]:
            lock = spaces.lock_at(fq, expr, at)
            held = at if blocks else held_at(func, expr, line)
            if lock is not None and (lock.id not in found or found[lock.id][1] < held):
                found[lock.id] = (lock, held)
    return list(found.values())


def _block_lines(func: "FunctionFacts", expr: str, line: int) -> list[int]:
    """The lines of the `with` blocks on `expr` that enclose `line` (started before it)."""
    lines = {use.line for use in func.locks if use.expr == expr and use.line < line <= use.end_line}
    lines |= {w["line"] for w in func.extra.get("withs", ()) if w["expr"] == expr and w["line"] < line <= w["end"]}
    return sorted(lines)


def _acquired_line(func: "FunctionFacts", expr: str, line: int) -> int:
    """The line of the last hand-written `expr.acquire()` before `line`, 0 when none."""
    chain = (*expr.split("."), "acquire")
    return max((s.line for s in func.calls if s.func == chain and s.line < line), default=0)


def _explicit_acquires(model: "ProjectModel", spaces: KeySpaces, graph: LockGraph,
                       direct: dict[str, list[tuple[str, Location]]]) -> None:
    """`await self._lock.acquire()` / `self._lock.acquire()` (with a `release()` in a `finally`)
    takes the lock as surely as `with` does; a call with arguments (`blocking=False`, a
    timeout) can give up and is left out."""
    for edge in model.calls_named("acquire"):
        site = edge.site
        if not site.func or len(site.func) < 2 or site.args or site.kwargs or site.star_args:
            continue
        lock = spaces.lock_at(edge.caller, ".".join(site.func[:-1]), site.line)
        if lock is None or lock.kind not in THREAD_KINDS | ASYNC_KINDS or spaces.delegated(edge.caller, lock):
            continue
        facts, func = model.functions[edge.caller]
        graph.acquisitions += 1
        graph.locks[lock.id] = lock
        here = Location(facts.path, site.line, site.line)
        direct.setdefault(lock.id, []).append((edge.caller, here))
        for outer, line in held_locks(spaces, edge.caller, func, site.locks_held, site.line):
            _add(graph, Acquire(outer, lock, edge.caller, here, outer_at=_at(facts.path, line)))
        _held_until_release(model, spaces, graph, edge, lock, here)


def _held_until_release(model: "ProjectModel", spaces: KeySpaces, graph: LockGraph, edge: Edge, lock: Lock,
                        taken: Location) -> None:
    """Locks taken with `with` after an explicit `acquire()` and before the matching `release()`
    (or the end of the function) nest inside it, as they would inside `with lock:`."""
    until = released_at(model.functions[edge.caller][1], edge.site)
    for use, inner, _ in _acquisitions(spaces, edge.caller):
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


def _through_calls(ctx: "ProjectContext", spaces: KeySpaces, graph: LockGraph,
                   direct: dict[str, list[tuple[str, Location]]]) -> None:
    """Calls made while a lock is held, into code that takes another (or the same) lock."""
    model = ctx.model
    entries = entry_index(ctx)
    holding = _holding_calls(model, spaces.index)
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
            _add_through(graph, spaces, model, lock, (edge, *chain), exprs, first_site.get(taker))


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


def _add_through(graph: LockGraph, spaces: KeySpaces, model: "ProjectModel", lock: Lock, via: tuple[Edge, ...],
                 exprs: tuple[str, ...], inner_at: Location | None) -> None:
    """Record `lock`, taken down the call chain `via`, under each lock held at its first call: a
    per-key lock taken again for the same key is a re-entry, any other pair a lock order."""
    edge = via[0]
    fq = edge.caller
    facts, func = model.functions[fq]
    here = Location(facts.path, edge.site.line, edge.site.end_line)
    for expr in dict.fromkeys(exprs):
        for outer, line in held_locks(spaces, fq, func, (expr,), edge.site.line):
            _add_held(graph, model, expr, Acquire(outer, lock, fq, here, inner_at, via, _at(facts.path, line)))


def _add_held(graph: LockGraph, model: "ProjectModel", expr: str, acquire: Acquire) -> None:
    """Record a lock taken down a call chain while `expr`'s lock is held."""
    outer, lock = acquire.outer, acquire.inner
    if outer.id == lock.id and outer.scope == "keyed" and (same_key_down(model, expr, acquire)
                                                           or same_object_down(model, expr, acquire)):
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
    owner = lock.family.rsplit(".", 1)[0]
    return not edge.caller.startswith(owner + ".") or not edge.target.name.startswith(owner + ".")
