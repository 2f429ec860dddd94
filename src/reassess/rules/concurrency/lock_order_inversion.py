"""RA303 deadlock: two locks taken in opposite orders in different places."""
from __future__ import annotations

from typing import Iterator

import networkx as nx

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._lockgraph import Acquire, lock_graph
from ._text import call_source


@register
class LockOrderInversion(Rule):
    """Locks acquired in inconsistent orders: lock A then B in one place, B then A in another,
    directly nested or through calls made while a lock is held.

    What it finds:
        Cycles in the lock-order graph built from every `with`/`async with` on a lock (and
        every call made while one is held, followed into the callee). Instance locks are
        identified per class attribute and followed only through calls on `self`; module
        locks through any call. Semaphores are left out (they admit several holders).
        Reported where the second lock is taken while the first is held (the nested `with`, or
        the acquisition inside the function called under the first lock): that is the line that
        waits forever. The pair cited is the one that takes two locks of one class (or two peer
        locks of one module: two module locks, two per-key registries; or two key namespaces a
        registry's methods hand out, `locks.product(id)` and `locks.user(id)`, in the order the
        methods are defined) against the order they are declared in (else the rarer or
        later-written order); its outer
        acquisition and the other function's acquisitions are related locations.

    Why it matters:
        Two tasks (or threads) that each hold one lock and wait for the other never resume.
        With `asyncio.Lock` nothing times out: the requests behind them hang until the
        process restarts, and every later caller queues behind the stuck locks.

    Example:
        async def reserve(self):
            async with self._exposure_lock:
                async with self._limits_lock: ...

        async def reload(self):
            async with self._limits_lock, self._exposure_lock: ...

    Instead:
        Pick one global order and take the locks in that order everywhere:

            async with self._exposure_lock, self._limits_lock: ...
    """

    id = "RA303"
    name = "lock-order-inversion"
    category = "deadlock"
    severity = "HIGH"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        graph = lock_graph(ctx)
        ctx.examine("locks", len(graph.locks))
        ctx.examine("lock acquisitions", graph.acquisitions)
        digraph = nx.DiGraph()
        for acquire in graph.orders:
            key = (acquire.outer.id, acquire.inner.id)
            if digraph.has_edge(*key):
                digraph.edges[key]["acquires"].append(acquire)
            else:
                digraph.add_edge(*key, acquires=[acquire])
        for component in sorted(sorted(c) for c in nx.strongly_connected_components(digraph) if len(c) > 1):
            edges = nx.find_cycle(digraph.subgraph(component), source=component[0])
            takes = [digraph.edges[edge]["acquires"] for edge in edges]
            yield self._finding(ctx, [min(acquires, key=_order) for acquires in takes], _minority(takes))

    def _finding(self, ctx: ProjectContext, cycle: list[Acquire], rarer: Acquire | None = None) -> Finding:
        first, *rest = sorted(cycle, key=_order)
        inverted = _against_declaration(ctx.model, cycle) or rarer
        last = inverted or max(cycle, key=_order)  # else the order written later breaks the one written first
        others = [a for a in cycle if a is not last]
        names = " -> ".join(f"`{a.outer.short}`" for a in _rotate(cycle, last)) + f" -> `{last.outer.short}`"
        description = (
            f"`{short(last.function)}` takes `{last.outer.short}` at line {last.start.start_line}, then "
            f"`{last.inner.short}` while still holding it"
            + (f" (through `{short(last.via[0].target.name)}` at line {last.where.start_line})" if last.via
               else f" (line {last.where.start_line})" if last.where.start_line != last.start.start_line else "")
            + ", but "
            + "; ".join(f"`{short(a.function)}` takes `{a.inner.short}` while holding `{a.outer.short}`"
                        f"{' (through a call)' if a.via else ''} at {a.where.path}:{a.where.start_line}"
                        for a in others)
            + f". The locks form the cycle {names}: two tasks running these paths at the same time each "
              f"hold one lock and wait forever for the other.")
        cited = _waits_at(ctx.model, last)
        related = _cited_pair(last, cited) + [loc for a in others for loc in _pair_locations(a)]
        related += [Location(a.inner_at.path, a.inner_at.start_line, a.inner_at.end_line,
                             f"`{a.inner.short}` acquired here") for a in cycle
                    if a.inner_at is not None and a.inner_at is not cited]
        if last.inner_at is not None:
            description += f" `{last.inner.short}` is acquired at {last.inner_at.path}:{last.inner_at.start_line}."
        order = [a.outer.written for a in _rotate(cycle, first)]
        keyword = "async with" if ctx.model.functions[last.function][1].is_async else "with"
        owners = {a.outer.family.rsplit(".", 1)[0] for a in cycle}
        if len(owners) == 1 or any(a.outer.scope == "module" for a in cycle):
            recommendation = (
                "Choose one order and acquire the locks in it everywhere (or merge them into one lock "
                "if they always guard the same update):\n\n"
                f"    {keyword} {', '.join(order)}:\n        ...")
        else:
            call = f"await {call_source(ctx.model, last.via[0])}" if last.via else "..."
            recommendation = (
                f"Do not call into the other object while holding your own lock (or take the locks in one "
                f"order everywhere: {' before '.join(f'`{a.outer.short}`' for a in _rotate(cycle, first))}). "
                f"Update your own state under the lock, then make the call after releasing it:\n\n"
                f"    {keyword} {last.outer.written}:\n        ...  # own state only\n    {call}")
        return self.finding(
            cited,
            f"Lock order inversion: `{last.outer.short}` and `{last.inner.short}` are taken in both orders",
            description, related=related, recommendation=recommendation,
            extra={"cycle": [a.outer.id for a in cycle]})


def _against_declaration(model, cycle: list[Acquire]) -> Acquire | None:
    """The one pair of a two-lock cycle that takes the locks against the order their class
    declares them in (`self._layout_lock` then `self._price_lock` in `__init__`): the
    declared order reads as the intended one, so the other pair is the inversion a reviewer
    points at."""
    if len(cycle) != 2:
        return None
    against = [a for a in cycle if (rank := _declared(model, a.outer, a.inner)) is not None and rank]
    return against[0] if len(against) == 1 else None


def _minority(takes: list[list[Acquire]]) -> Acquire | None:
    """The first-written acquisition of the one edge of a two-lock cycle taken in fewer places than
    the other (order then courier in two services, courier then order in one): the order most code
    follows reads as the convention, so the rarer one is the inversion to fix."""
    if len(takes) != 2:
        return None
    counts = [len({(a.where.path, a.where.start_line) for a in acquires}) for acquires in takes]
    return None if counts[0] == counts[1] else min(takes[counts.index(min(counts))], key=_order)


def _declared(model, outer, inner) -> bool | None:
    """Whether `outer` is declared after `inner` in their class, or in their module (two module
    locks, or two module registries of per-key locks, assigned at its top level); None when
    they are not peers declared side by side (a process-wide lock and a per-key family are
    not: which one comes first says nothing about the order meant)."""
    owner, _, first = outer.family.removesuffix("[key]").rpartition(".")
    other, _, second = inner.family.removesuffix("[key]").rpartition(".")
    if owner != other:
        return None
    if owner in model.modules and owner not in model.classes:
        if outer.scope != inner.scope:
            return None
        assigns = model.modules[owner].assigns
        if first not in assigns or second not in assigns:
            return None
        return assigns[first].line > assigns[second].line
    methods = _helper_order(model, outer, inner, owner, first, second)
    if methods is not None:
        return methods
    if outer.scope not in ("instance", "keyed") or owner not in model.classes:
        return None
    _, cls = model.classes[owner]
    names = [*cls.annotations, *cls.class_attrs]
    init = model.functions.get(f"{owner}.__init__")
    if init is not None:
        names += list(init[1].self_attrs)
    if first not in names or second not in names:
        return None
    return names.index(first) > names.index(second)


def _helper_order(model, outer, inner, owner: str, first: str, second: str) -> bool | None:
    """For two families of per-key locks a registry's methods hand out from their own key
    namespaces (`locks.product(id)`, `locks.user(id)`): whether `outer`'s method is defined after
    `inner`'s in the registry's class, the order its author lists them in; None for other locks."""
    if outer.scope != "keyed" or inner.scope != "keyed":
        return None
    cls_fq = _registry_class(model, owner)
    for base in model.mro(cls_fq) if cls_fq else ():
        methods = model.classes[base][1].methods
        if first in methods and second in methods:
            return methods.index(first) > methods.index(second)
    return None


def _registry_class(model, owner: str) -> str:
    """The project class of a lock registry: the class itself (`KeyedLocks.claim[key]` taken through
    `self`), or the class of the module-level instance named (`coordination.locks.product[key]`)."""
    if owner in model.classes:
        return owner
    module, _, name = owner.rpartition(".")
    facts = model.modules.get(module)
    if facts is None or name not in facts.assigns:
        return ""
    held = model.resolver.type_of_chain(facts, None, (name,))
    return held[1] if held is not None and held[0] == "instance" and held[1] in model.classes else ""


def _waits_at(model, acquire: Acquire) -> Location:
    """Where the pair is written: the nested `with`, or the acquisition inside the function called
    under the first lock when that is the caller's own helper (a method of its class, a function of
    its module). A call into another object's method while holding a lock is cited at the `with`
    that holds it: the callee's one lock is innocent alone, the fix (release before calling out) goes there."""
    if not acquire.via or acquire.inner_at is None:
        return acquire.where
    if acquire.outer_at is not None and not _own_helper(model, acquire):
        return acquire.outer_at
    return acquire.inner_at


def _own_helper(model, acquire: Acquire) -> bool:
    """The first call down the chain runs a function of the caller's own class or module."""
    callee = model.callee_function(acquire.via[0].target)
    return bool(callee) and callee.rsplit(".", 1)[0] == acquire.function.rsplit(".", 1)[0]


def _cited_pair(acquire: Acquire, cited: Location) -> list[Location]:
    """The cited pair's outer acquisition, and the call leading to the inner one when the
    inner one is taken in a callee."""
    out = []
    if acquire.start.start_line != cited.start_line or acquire.start.path != cited.path:
        out.append(Location(acquire.start.path, acquire.start.start_line, acquire.start.end_line,
                            f"here: `{acquire.outer.short}` taken first"))
    if acquire.via and acquire.where.start_line != cited.start_line:
        out.append(Location(acquire.where.path, acquire.where.start_line, acquire.where.end_line,
                            f"here: `{acquire.inner.short}` taken through this call while "
                            f"`{acquire.outer.short}` is held"))
    return out


def _pair_locations(acquire: Acquire) -> list[Location]:
    """The other pair's outer acquisition (unless it shares the nested one's line) and its nested
    acquisition, or the call that leads to it."""
    out = []
    side = "in the other order"
    if acquire.outer_at is not None and acquire.outer_at.start_line != acquire.where.start_line:
        out.append(Location(acquire.outer_at.path, acquire.outer_at.start_line, acquire.outer_at.end_line,
                            f"{side}: `{acquire.outer.short}` taken first"))
    if acquire.via:
        note = f"`{acquire.inner.short}` taken through this call while `{acquire.outer.short}` is held"
    elif acquire.outer_at is not None and acquire.outer_at.start_line == acquire.where.start_line:
        note = f"`{acquire.outer.short}` then `{acquire.inner.short}`, in one `with`"
    else:
        note = f"`{acquire.inner.short}` taken while `{acquire.outer.short}` is held"
    out.append(Location(acquire.where.path, acquire.where.start_line, acquire.where.end_line, f"{side}: {note}"))
    return out


def _order(acquire: Acquire) -> tuple:
    return (acquire.where.path, acquire.where.start_line, acquire.function)


def _rotate(cycle: list[Acquire], start: Acquire) -> list[Acquire]:
    index = cycle.index(start)
    return cycle[index:] + cycle[:index]
