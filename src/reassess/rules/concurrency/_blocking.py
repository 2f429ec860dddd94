"""Where coroutines reach blocking work: the shared engine of RA301 (I/O) and RA302 (CPU).

A *seed* is a sync function that makes a blocking call itself (not handed to a thread).
`model.reach` then finds, once, every sync helper that reaches a seed through sync calls.
A *boundary* is a call made by a coroutine, not offloaded, that is either blocking itself
or enters such a sync helper: that line is where the event loop gets stuck, and where the
fix (`await asyncio.to_thread(...)`) goes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ...findings import Location
from ...knowledge.blocking import Blocking, negligible
from ...model.project import Edge

if TYPE_CHECKING:
    from ...model.project import ProjectModel

Classify = Callable[[str], Blocking | None]


@dataclass
class Seed:
    edge: Edge  # the blocking call itself
    target: str  # its canonical dotted name (or the configured project function)
    blocking: Blocking


@dataclass
class Boundary:
    function: str  # the coroutine
    edge: Edge  # its call that blocks or enters the sync helper
    chain: list[Edge]  # sync hops from the helper down to the blocking call ([] when direct)
    seed: Seed
    callee: str = ""  # the sync helper entered ("" when the coroutine blocks directly)
    repeats: list[Edge] = field(default_factory=list)  # more calls of the same kind in the coroutine
    others: list["Boundary"] = field(default_factory=list)  # merged: same coroutine or same blocking call


def group(boundaries: list[Boundary]) -> list[Boundary]:
    """Merge boundaries that share a coroutine or a blocking call site into one finding each:
    the first (in the given order) leads, the rest go to its `others`."""
    parent = list(range(len(boundaries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for index, boundary in enumerate(boundaries):
        seed = boundary.seed.edge
        for key in (("fn", boundary.function), ("seed", seed.caller, seed.site.line, seed.site.col)):
            if key in owner:
                a, b = find(owner[key]), find(index)
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = index
    leaders: dict[int, Boundary] = {}
    for index, boundary in enumerate(boundaries):
        root = find(index)
        if root == index:
            leaders[root] = boundary
        else:
            leaders[root].others.append(boundary)
    return list(leaders.values())


def target_name(edge: Edge) -> str:
    target = edge.target
    if target.kind == "builtin":
        return f"builtins.{target.name}"
    return target.name if target.kind == "external" else ""


def direct_seed(model: "ProjectModel", edge: Edge, classify: Classify, configured: Classify) -> Seed | None:
    """The blocking call an edge makes itself, if any (offloaded calls never block the caller)."""
    if edge.site.offloaded:
        return None
    name = target_name(edge)
    if name:
        found = classify(name) or configured(name)
        if found is not None and not _harmless(edge, found):
            return Seed(edge, name, found)
    elif edge.target.kind == "function":
        found = configured(edge.target.name)
        if found is not None:
            return Seed(edge, edge.target.name, found)
    return None


def _harmless(edge: Edge, blocking: Blocking) -> bool:
    return negligible(target_name(edge), edge.site.args, edge.site.kwargs)


def find_boundaries(model: "ProjectModel", classify: Classify, configured: Classify) -> list[Boundary]:
    classify, configured = _remembered(classify), _remembered(configured)
    seeds: dict[str, Seed] = {}
    for fq, (_, func) in model.functions.items():
        if func.is_async:
            continue
        for edge in model.edges.get(fq, ()):
            seed = direct_seed(model, edge, classify, configured)
            if seed is not None:
                seeds[fq] = seed
                break
    chains = model.reach(seeds, follow=lambda edge: _sync_call(model, edge))
    found: list[Boundary] = []
    for fq, (_, func) in sorted(model.functions.items()):
        if func.is_async:
            found.extend(_boundaries_of(model, fq, seeds, chains, classify, configured))
    return found


def _remembered(classify: Classify) -> Classify:
    """`classify` answering each name once: it is asked for every call site, twice, and the
    same few thousand names recur."""
    answers: dict[str, Blocking | None] = {}

    def ask(name: str) -> Blocking | None:
        if name not in answers:
            answers[name] = classify(name)
        return answers[name]
    return ask


def _sync_call(model: "ProjectModel", edge: Edge) -> bool:
    caller = model.functions.get(edge.caller)
    return bool(caller) and not caller[1].is_async and not edge.site.offloaded


def _boundaries_of(model: "ProjectModel", fq: str, seeds: dict[str, Seed], chains: dict[str, list[Edge]],
                   classify: Classify, configured: Classify) -> list[Boundary]:
    by_key: dict[str, Boundary] = {}
    for edge in model.edges.get(fq, ()):
        if edge.site.offloaded:
            continue
        seed = direct_seed(model, edge, classify, configured)
        if seed is not None:
            key, boundary = f"direct:{seed.blocking.kind}", Boundary(fq, edge, [], seed)
        else:
            callee = model.callee_function(edge.target)
            if not callee or callee not in chains or _runs_elsewhere(model, edge, callee):
                continue
            chain = chains[callee]
            seed = seeds[model.callee_function(chain[-1].target) if chain else callee]
            key, boundary = f"call:{callee}", Boundary(fq, edge, chain, seed, callee)
        if key in by_key:
            by_key[key].repeats.append(edge)
        else:
            by_key[key] = boundary
    return list(by_key.values())


def _runs_elsewhere(model: "ProjectModel", edge: Edge, callee: str) -> bool:
    """An async callee, or a sync one whose awaited result comes from a decorator that
    moves it to a thread (`@sync_to_async`, `@run_in_threadpool`-style wrappers)."""
    _, func = model.functions[callee]
    if func.is_async:
        return True
    return edge.site.awaited and bool(func.decorators)


def location(model: "ProjectModel", edge: Edge, note: str = "") -> Location:
    facts, _ = model.functions[edge.caller]
    return Location(facts.path, edge.site.line, edge.site.end_line, note)


def short(fq: str) -> str:
    """`app.services.notifier.notify_order_event` -> `notify_order_event`; methods keep their class."""
    parts = fq.split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 and parts[-2][:1].isupper() else parts[-1]
