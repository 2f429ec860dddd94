"""Where coroutines reach blocking work: the shared engine of RA301 (I/O) and RA302 (CPU).

A *seed* is a sync function that makes a blocking call itself (not handed to a thread).
`model.reach` then finds, once, every sync helper that reaches a seed through sync calls.
A *boundary* is a call made by a coroutine, not offloaded, that is either blocking itself
or enters such a sync helper: that line is where the event loop gets stuck. It is cited when
the project runs that helper in threads by name elsewhere (the call forgot the offload the
others make). Otherwise the blocking call itself is cited (`Boundary.at_seed`): when the
helpers only ever run on the loop it is the code to change; when threads reach it through
other helpers it is still the one cause every path shares. A helper that blocks in several
functions below it (a temp-file spool, then a subprocess on the file) has no one call to change:
the coroutine's call, where one offload covers them all, is cited. RA302 (CPU) cites the coroutine's
call when it is the only one reaching the work: CPU work has no non-blocking variant to put in the
helper, the offload goes at that call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ...findings import Location
from ...knowledge.blocking import DIRECTORY_SCAN, OFFLOADED_CLIENT, PDF_OPENERS, Blocking, negligible
from ...knowledge.memoisers import cache_decorator
from ...model.app import sync_on_loop
from ...model.project import Edge
from ...model.resilience.runtime import built_once
from ._calls import target_name
from ._chained import chained_name
from ._deferred import defers_body
from ._frames import laid_out_frame
from ._loop_only import LoopOnly
from ._partial import wrapped_name
from ._waits import flag_of, never_waited, sets_flag

if TYPE_CHECKING:
    from ...model.project import ProjectModel

Classify = Callable[[str], Blocking | None]
InContext = Callable[["ProjectModel", Edge], Blocking | None]  # heavy because of where the call sits


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
    at_seed: bool = False  # cited at the blocking call, not at the coroutine's call (see the module docstring)
    loop_only: bool = False  # the helper holding the blocking call only ever runs on the loop
    once_in: str = ""  # a function on the way that serves a stored result first: the work runs on its misses only
    waits: list[Seed] = field(default_factory=list)  # the helper's other blocking calls, in other functions

    @property
    def cited(self) -> Edge:
        return self.seed.edge if self.at_seed else self.edge


def group(boundaries: list[Boundary]) -> list[Boundary]:
    """Merge boundaries that share a coroutine (and are fixed on the same side of the call: in
    the coroutine, or in the helpers) or a blocking call site into one finding each:
    the first (in the given order) leads and gives the finding its place, the rest go to its
    `others`."""
    parent = list(range(len(boundaries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for index, boundary in enumerate(boundaries):
        seed = boundary.seed.edge
        # a boundary cited at its blocking call is fixed in the helper holding it (one finding per
        # helper), one cited at the coroutine's call is fixed there (one finding per coroutine)
        side = ("helper", seed.caller) if boundary.at_seed else ("fn", boundary.function)
        for key in (side, ("seed", seed.caller, seed.site.line, seed.site.col)):
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


def direct_seed(model: "ProjectModel", edge: Edge, classify: Classify, configured: Classify,
                in_context: InContext | None = None) -> Seed | None:
    """The blocking call an edge makes itself, if any (offloaded calls never block the caller)."""
    if edge.site.offloaded:
        return None
    name = wrapped_name(model, edge) or target_name(edge) or chained_name(model, edge)
    if name:
        return _library_seed(model, edge, name, classify, configured, in_context)
    if edge.target.kind == "function":
        found = configured(edge.target.name) or (in_context(model, edge) if in_context else None)
        return Seed(edge, edge.target.name, found) if found is not None else None
    if edge.target.kind == "unresolved" and in_context is not None:
        found = in_context(model, edge)  # a name known by where it is called (`page.extract_text()`)
        return Seed(edge, ".".join(edge.site.func), found) if found is not None else None
    return None


def _library_seed(model: "ProjectModel", edge: Edge, name: str, classify: Classify, configured: Classify,
                  in_context: InContext | None) -> Seed | None:
    """A named library call that blocks: listed, configured, or known by its context."""
    if edge.site.awaited and edge.target.kind == "external":
        return None  # `await session.execute(...)` returns an awaitable: the receiver is async, whatever it is typed as
    listed = classify(name) or configured(name)
    found = listed or (in_context(model, edge) if in_context else None)
    if found is None or laid_out_frame(model, edge, name):
        return None
    # cheap arguments (an archive in memory touches no disk) say nothing of CPU work its context shows
    if negligible_call(model, edge, name) and (listed or found.kind != "cpu"):
        return None
    return Seed(edge, name, found)


def negligible_call(model: "ProjectModel", edge: Edge, name: str) -> bool:
    """`negligible` for the call as made, its arguments read through the locals that made them
    (`zipfile.ZipFile(buf, "w")` with `buf = io.BytesIO()` touches no disk)."""
    return negligible(name, *_locals_made(model, edge))


def _locals_made(model: "ProjectModel", edge: Edge) -> tuple[tuple, dict]:
    """The call's arguments, a local standing for the call that made it (`buf = io.BytesIO()`,
    then `zipfile.ZipFile(buf, "w")`): what the argument is decides whether the call touches disk."""
    site = edge.site
    made = model.functions[edge.caller][1].local_types if edge.caller in model.functions else {}

    def made_by(value: object) -> object:
        bound = made.get(value.get("ref")) if isinstance(value, dict) and isinstance(value.get("ref"), str) else None
        return bound if isinstance(bound, dict) and bound.get("call") else value
    return tuple(made_by(a) for a in site.args), {k: made_by(v) for k, v in site.kwargs.items()}


_LIGHT = frozenset({"file", "filetree"})
# building a data frame converts the rows once, opening a PDF reads its index, decoding an image
# (`img.load()`, `img.convert("RGB")`) is one pass over its pixels: the group-by or pivot over the
# frame, the text extraction from the pages, the resampling (`thumbnail`, `resize`) is the heavy pass
_PREPARES = frozenset({"pandas.DataFrame", "pandas.DataFrame.from_records", "pandas.DataFrame.from_dict",
                       *PDF_OPENERS})
_IMAGE_PREPARES = frozenset({"load", "convert"})
_HEAVIEST = 2


def _weight(seed: Seed) -> int:
    """A helper that writes a temp file and then runs a converter for two minutes blocks on the
    subprocess, one that builds a frame and then pivots it spends its time in the pivot: the
    heaviest of its blocking calls is the one to cite (the first, among equals). A directory
    listing weighs least: `for child in d.iterdir(): shutil.rmtree(child)` holds the loop in the
    removal, so that is the call to cite."""
    if seed.blocking == DIRECTORY_SCAN:
        return -1
    if seed.blocking.kind in _LIGHT:
        return 0
    prepares = seed.target in _PREPARES or seed.target.startswith("PIL.") and \
        seed.target.rpartition(".")[2] in _IMAGE_PREPARES
    return 1 if prepares else _HEAVIEST


def _outweighs(seed: Seed, held: Seed) -> bool:
    """`seed` is the call to cite instead of `held`: it is heavier. Among light calls only a
    file-tree operation displaces a directory listing (`for child in d.iterdir(): rmtree(child)`
    holds the loop in the removal); a file read later in the function may sit behind a branch
    the listing does not, so the listing keeps the citation."""
    if _weight(seed) <= _weight(held):
        return False
    return _weight(seed) > 0 or seed.blocking.kind == held.blocking.kind


def find_boundaries(model: "ProjectModel", classify: Classify, configured: Classify,
                    in_context: InContext | None = None) -> list[Boundary]:
    classify, configured = _remembered(classify), _remembered(configured)
    seeds: dict[str, Seed] = {}
    for fq, (_, func) in model.functions.items():
        if func.is_async or defers_body(model, fq):
            continue  # a body a decorator hands to a worker never runs in its callers
        for edge in model.edges.get(fq, ()):
            seed = direct_seed(model, edge, classify, configured, in_context) if not never_waited(model, edge) \
                else None
            if seed is not None and (fq not in seeds or _outweighs(seed, seeds[fq])):
                seeds[fq] = seed
                if _weight(seed) == _HEAVIEST:
                    break
    seeds = _heavier_below(model, seeds)
    chains = _heaviest_reach(model, seeds, follow=lambda edge: _sync_call(model, edge))
    # the same question with the work behind a memo hit left out: what blocks on every call
    every_call = _heaviest_reach(model, {fq: seed for fq, seed in seeds.items() if not memo_guard(model, seed.edge)},
                                 follow=lambda edge: _sync_call(model, edge) and not memo_guard(model, edge))
    found: list[Boundary] = []
    on_loop = sync_on_loop(model)  # sync handlers the framework calls on the loop block it as a coroutine does
    for fq, (_, func) in sorted(model.functions.items()):
        if func.is_async or fq in on_loop:
            found.extend(_boundaries_of(model, fq, seeds, chains, every_call, classify, configured, in_context))
    loop_only = LoopOnly(model)
    waits: dict[str, list[Seed]] = {}  # helper -> its blocking calls below, for these seeds only
    for boundary in found:
        if boundary.callee:
            boundary.loop_only = loop_only(boundary.seed.edge.caller)
            if boundary.callee not in waits:
                waits[boundary.callee] = _waits_below(model, boundary.callee, seeds)
            boundary.waits = [seed for seed in waits[boundary.callee] if seed is not boundary.seed]
            boundary.at_seed = not _inferred_from_offloads(boundary) and not boundary.waits and \
                (boundary.loop_only or not loop_only.handed_over(boundary.callee))
    return found


def _heaviest_reach(model: "ProjectModel", seeds: dict[str, Seed], follow: Callable[[Edge], bool]
                    ) -> dict[str, list[Edge]]:
    """`model.reach`, with the way to heavy work preferred over a shorter one to a light file write:
    `normalize_photo` spools the upload to a temp file, then runs `exiftool` on it; the subprocess is
    what holds the loop, so it is the call the finding names (and grades)."""
    chains = model.reach(seeds, follow)
    heavy = {fq: seed for fq, seed in seeds.items() if _weight(seed) > 0}
    if heavy and len(heavy) < len(seeds):
        chains.update(model.reach(heavy, follow))
    return chains


def _waits_below(model: "ProjectModel", callee: str, seeds: dict[str, Seed]) -> list[Seed]:
    """The blocking calls below the helper a coroutine enters, one per function that makes one (the
    walk stops there: a temp-file spool, then a subprocess on it), when there are several: no one of
    them is the code to change, one offload where the coroutine calls the helper is. Asked once per
    helper by `find_boundaries`, which remembers the answer for its own seeds (RA301 and RA302 differ)."""
    seen, stack, found = {callee}, [callee], []
    while stack and len(found) <= _MAX_WAITS:
        current = stack.pop()
        if current in seeds:
            found.append(seeds[current])
            continue
        for edge in model.edges.get(current, ()):
            below = model.callee_function(edge.target)
            if below in model.functions and below not in seen and _sync_call(model, edge):
                seen.add(below)
                stack.append(below)
    return sorted(found, key=lambda seed: (seed.edge.caller, seed.edge.site.line)) if len(found) > 1 else []


_MAX_WAITS = 4  # blocking calls below one helper named in a finding


def _heavier_below(model: "ProjectModel", seeds: dict[str, Seed]) -> dict[str, Seed]:
    """Drop the light seed (a file or a directory listing) of a function that also reaches heavier
    blocking work through its sync callees (`listdir(folder)`, then `check_dev_mode()` running
    `git`): the walk stops at the first seed it meets, so the light one would hide the subprocess
    that holds the loop longest, the one to cite."""
    heavy = {fq: seed for fq, seed in seeds.items() if _weight(seed) > 0}
    if len(heavy) == len(seeds):
        return seeds
    below = model.reach(heavy, follow=lambda edge: _sync_call(model, edge))
    return {fq: seed for fq, seed in seeds.items() if fq in heavy or fq not in below}


def _inferred_from_offloads(boundary: Boundary) -> bool:
    """The blocking call is known only because the project runs the client's other calls in threads
    (`_offloaded.offloaded_client_call`): the wrapper is sync by design and its users offload it,
    so the coroutine's call is the one that forgot."""
    return boundary.seed.blocking == OFFLOADED_CLIENT


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
    return bool(caller) and not caller[1].is_async and not edge.site.offloaded and not never_waited(model, edge) \
        and not defers_body(model, edge.caller)


def _live_chain(model: "ProjectModel", edge: Edge, callee: str, chain: list[Edge], seeds: dict[str, Seed]
                ) -> list[Edge] | None:
    """The callee's way down to a blocking call as `edge` calls it: when its first hop sits under an
    `if flag:` that `edge` leaves at its False default, another way that avoids such hops, or None
    (`optional_send(data)` never runs `if blocking: post(data)`; the thread it starts does)."""
    if not chain or callee not in model.functions:
        return chain
    func = model.functions[callee][1]
    skipped = {id(e) for e in model.edges.get(callee, ())
               if (flag := flag_of(model, e)) and not sets_flag(edge.site, func, flag)}
    if id(chain[0]) not in skipped:
        return chain
    return model.reach(seeds, follow=lambda e: _sync_call(model, e) and id(e) not in skipped).get(callee)


def _boundaries_of(model: "ProjectModel", fq: str, seeds: dict[str, Seed], chains: dict[str, list[Edge]],
                   every_call: dict[str, list[Edge]], classify: Classify, configured: Classify,
                   in_context: InContext | None) -> list[Boundary]:
    by_key: dict[str, Boundary] = {}
    for edge in model.edges_with_property_reads(fq):  # a getter read runs it too
        if edge.site.offloaded or never_waited(model, edge):
            continue
        seed = direct_seed(model, edge, classify, configured, in_context)
        if seed is not None:
            key, boundary = f"direct:{seed.blocking.kind}", Boundary(fq, edge, [], seed)
            boundary.once_in = memo_guard(model, edge)
        else:
            callee = model.callee_function(edge.target)
            if not callee or callee not in chains or _runs_elsewhere(model, edge, callee):
                continue
            chain = _live_chain(model, edge, callee, every_call.get(callee, chains[callee]), seeds)
            if chain is None:
                continue
            seed = seeds[model.callee_function(chain[-1].target) if chain else callee]
            key, boundary = f"call:{callee}", Boundary(fq, edge, chain, seed, callee)
            boundary.once_in = memo_guard(model, edge) or (
                "" if callee in every_call else _first_guard(model, [*chain, seed.edge]) or callee)
        if key not in by_key:
            by_key[key] = boundary
        elif not boundary.callee and _weight(seed) > _weight(by_key[key].seed):
            # `frame = DataFrame.from_records(rows)` then `frame.pivot_table(...)`: cite the pivot
            boundary.repeats = [*by_key[key].repeats, by_key[key].edge]
            by_key[key] = boundary
        else:
            by_key[key].repeats.append(edge)
    return list(by_key.values())


def memo_guard(model: "ProjectModel", edge: Edge) -> str:
    """The function that keeps the call made on `edge` to its cache misses, "" for none: its
    caller, when the call sits below a return of a stored result (`if key in _APPS: return
    _APPS[key]`, `facts.memo`), or the callee itself when it is memoised by `functools.lru_cache`
    / `functools.cache`. Either way the call runs once per distinct key, not once per call. A lazy
    singleton (`if cls._instance is None: cls._instance = cls()`, or a `global`) counts as its
    caller's stored result: it is built on first use, once per process."""
    caller = model.functions.get(edge.caller)
    hit_end = caller[1].extra.get("memo_hit_end", 0) if caller else 0
    if hit_end and edge.site.line > hit_end or caller and built_once(model, edge):
        return edge.caller
    callee = model.callee_function(edge.target)
    if callee and callee in model.functions and cache_decorator(*model.functions[callee]) is not None:
        return callee
    return ""


def _first_guard(model: "ProjectModel", edges: list[Edge]) -> str:
    return next((found for edge in edges if (found := memo_guard(model, edge))), "")


def _runs_elsewhere(model: "ProjectModel", edge: Edge, callee: str) -> bool:
    """An async callee, or a sync one whose awaited result comes from a decorator that
    moves it to a thread (`@sync_to_async`, `@run_in_threadpool`-style wrappers)."""
    _, func = model.functions[callee]
    if func.is_async:
        return True
    return edge.site.awaited and bool(func.decorators) or _dispatches_to_coroutine(model, callee)


def _dispatches_to_coroutine(model: "ProjectModel", fq: str) -> bool:
    """A sync function whose decorator is handed its async twin (`@async_dispatch(aapply) def
    apply(...)`): called from a coroutine, the wrapper returns the twin's coroutine for the caller
    to await, so the sync body does not run on the loop. Once per function."""
    def build() -> bool:
        facts, func = model.functions[fq]
        owner = fq.rsplit(".", 1)[0]
        refs = [arg["ref"] for deco in func.decorators if deco.is_call
                for arg in deco.args if isinstance(arg, dict) and "ref" in arg]
        twins = [model.functions.get(f"{owner}.{ref}") or model.functions.get(f"{facts.module}.{ref}") for ref in refs]
        return any(twin is not None and twin[1].is_async for twin in twins)
    return model.memo(f"concurrency.dispatches_to_coroutine.{fq}", build)


def location(model: "ProjectModel", edge: Edge, note: str = "") -> Location:
    return Location(model.site_path(edge), edge.site.line, edge.site.end_line, note)


def short(fq: str) -> str:
    """`app.services.notifier.notify_order_event` -> `notify_order_event`; methods keep their class."""
    parts = fq.split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 and parts[-2][:1].isupper() else parts[-1]
