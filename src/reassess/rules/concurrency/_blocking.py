"""Where coroutines reach blocking work: the shared engine of RA301 (I/O) and RA302 (CPU).

A *seed* is a sync function that makes a blocking call itself (not handed to a thread).
`model.reach` then finds, once, every sync helper that reaches a seed through sync calls.
A *boundary* is a call made by a coroutine, not offloaded, that is either blocking itself
or enters such a sync helper: that line is where the event loop gets stuck. It is cited when
the project runs that helper in threads by name elsewhere (the call forgot the offload the
others make). Otherwise the blocking call itself is cited (`Boundary.at_seed`): when the
helpers only ever run on the loop it is the code to change; when threads reach it through
other helpers it is still the one cause every path shares. RA302 (CPU) cites the coroutine's
call when it is the only one reaching the work: CPU work has no non-blocking variant to put in the
helper, the offload goes at that call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ...findings import Location
from ...knowledge.blocking import DIRECTORY_SCAN, OFFLOADED_CLIENT, PDF_OPENERS, Blocking, negligible
from ...knowledge.exceptions import PROCESS_EXITS, RAISED_EXITS
from ...knowledge.memoisers import cache_decorator
from ...model.app import runs_on_loop, sync_on_loop
from ...model.project import Edge
from ...model.resilience.runtime import built_once
from ...model.resilience.trace import argument_for
from ._chained import chained_name
from ._deferred import defers_body
from ._frames import laid_out_frame
from ._partial import wrapped_name

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


def target_name(edge: Edge) -> str:
    target = edge.target
    if target.kind == "builtin":
        return f"builtins.{target.name}"
    return target.name if target.kind == "external" else ""


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
# building a data frame converts the rows once, opening a PDF reads its index: the group-by or
# pivot over the frame, the text extraction from the pages, is the heavy pass
_PREPARES = frozenset({"pandas.DataFrame", "pandas.DataFrame.from_records", "pandas.DataFrame.from_dict",
                       *PDF_OPENERS})
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
    return 1 if seed.target in _PREPARES else _HEAVIEST


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
    chains = model.reach(seeds, follow=lambda edge: _sync_call(model, edge))
    # the same question with the work behind a memo hit left out: what blocks on every call
    every_call = model.reach({fq: seed for fq, seed in seeds.items() if not memo_guard(model, seed.edge)},
                             follow=lambda edge: _sync_call(model, edge) and not memo_guard(model, edge))
    found: list[Boundary] = []
    on_loop = sync_on_loop(model)  # sync handlers the framework calls on the loop block it as a coroutine does
    for fq, (_, func) in sorted(model.functions.items()):
        if func.is_async or fq in on_loop:
            found.extend(_boundaries_of(model, fq, seeds, chains, every_call, classify, configured, in_context))
    loop_only = LoopOnly(model)
    for boundary in found:
        if boundary.callee:
            boundary.loop_only = loop_only(boundary.seed.edge.caller)
            boundary.at_seed = not _inferred_from_offloads(boundary) and \
                (boundary.loop_only or not loop_only.handed_over(boundary.callee))
    return found


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


class LoopOnly:
    """Whether a sync function only ever runs on the event loop: every way into it, through sync
    callers, starts at a call a coroutine makes without a thread. Any other way in (a call handed
    to `to_thread`/`run_in_executor`, the function or a sync caller passed as a value, such as
    `background.add_task(f)`, an entry point, a module-level call, a function nobody in the project
    calls) means the helper also serves sync code, and the mistake is the coroutine's call."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._answers: dict[str, bool] = {}
        self._entries: set[str] | None = None
        self._values: dict[str, list[tuple[str, object]]] | None = None
        self._module_callers: set[str] | None = None

    def __call__(self, fq: str) -> bool:
        if fq not in self._answers:
            self._answers[fq] = self._loop_only(fq)
        return self._answers[fq]

    def _loop_only(self, fq: str) -> bool:
        model = self.model
        seen, stack = {fq}, [fq]
        while stack:
            current = stack.pop()
            callers = model.callers.get(current, ())
            if not callers or self._entered_otherwise(current):
                return False
            for edge in callers:
                if edge.site.offloaded:
                    return False
                if runs_on_loop(model, edge.caller):
                    continue
                if edge.caller not in seen:
                    seen.add(edge.caller)
                    stack.append(edge.caller)
        return True

    def handed_over(self, fq: str) -> bool:
        """The helper itself is run elsewhere in a thread or by someone else (`to_thread(helper)`,
        `add_task(helper)`, an entry point): the project offloads it by name, so a coroutine's
        plain call of it is the mistake. When only other helpers above the blocking call are
        offloaded, the blocking call is the shared cause and is cited instead."""
        return any(edge.site.offloaded for edge in self.model.callers.get(fq, ())) or self._entered_otherwise(fq)

    def _entered_otherwise(self, fq: str) -> bool:
        model = self.model
        if self._entries is None:
            self._entries = set(model.app.entry_functions())
            self._module_callers = {model.callee_function(e.target) for edges in model.module_edges.values()
                                    for e in edges}
        return fq in self._entries or fq in self._module_callers or self._passed_as_value(fq)

    def _passed_as_value(self, fq: str) -> bool:
        """The function handed to a call as a value (`add_task(f)`, `Thread(target=f)`): someone
        else calls it, maybe in a thread."""
        if self._values is None:
            self._values = self.model.memo("blocking.value_arguments", lambda: _value_arguments(self.model))
        name = fq.rsplit(".", 1)[-1]
        resolver = self.model.resolver
        for caller, value in self._values.get(name, ()):
            facts, func = self.model.functions[caller] if caller in self.model.functions \
                else (self.model.modules[caller], None)
            found = resolver.type_of_value(facts, func, value, 1)
            if found is not None and found[0] == "function" and found[1] == fq:
                return True
        return False


_REWRAPS = frozenset({("staticmethod",), ("classmethod",)})


def _value_arguments(model: "ProjectModel") -> dict[str, list[tuple[str, object]]]:
    """Names passed to calls as values (`{"ref": "mailer.send_welcome"}`), by their last part:
    one pass over the call sites per run (both blocking rules ask), asked only for the helpers a
    finding is about."""
    found: dict[str, list[tuple[str, object]]] = {}
    scopes = [(fq, edges) for fq, edges in model.edges.items()] + list(model.module_edges.items())
    for scope, edges in scopes:
        for edge in edges:
            site = edge.site
            if site.func in _REWRAPS:
                continue  # `scanner = staticmethod(clamd_scan)`: still called as a method, on the same thread
            for value in (*site.args, *site.kwargs.values()):
                if isinstance(value, dict) and "ref" in value:
                    found.setdefault(value["ref"].rsplit(".", 1)[-1], []).append((scope, value))
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
    return bool(caller) and not caller[1].is_async and not edge.site.offloaded and not never_waited(model, edge) \
        and not defers_body(model, edge.caller)


def never_waited(model: "ProjectModel", edge: Edge) -> bool:
    """The call's wait holds up nothing: its branch never runs as the project calls the function
    (`unset_flag_branch`), or the process ends right after it (`exit_branch`)."""
    return unset_flag_branch(model, edge) or exit_branch(model, edge)


def exit_branch(model: "ProjectModel", edge: Edge) -> bool:
    """The call sits in the body of an `if` whose last statement ends the process (`if args.version:
    print(version_text()); sys.exit(0)`): the loop it blocks is about to be torn down, nothing else
    it would serve waits behind it. Only process exits count, not a `return` (the caller carries
    on). Checked at every hop, so a caller's exit branch cuts the chain below it too."""
    spans = model.memo(f"blocking.exit_spans.{edge.caller}", lambda: _exit_spans(model, edge.caller))
    line = edge.site.line
    return any(start < line <= end for start, end in spans)


def _exit_spans(model: "ProjectModel", fq: str) -> tuple[tuple[int, int], ...]:
    """(test line, body end) of each `if` in `fq` whose body's last statement is a process exit
    (a call of one, or a bare `raise SystemExit`), read from the recorded blocks and the function's
    calls. An exit inside a trailing loop, `try` or nested `if` is conditional: not counted."""
    entry = model.functions.get(fq)
    ifs = [b for b in [*entry[1].extra.get("sync_ifs", ()), *entry[1].extra.get("blocks", ())]
           if b.get("kind") == "if" and b.get("tail")] if entry else []
    exits = {e.site.line for e in model.edges.get(fq, ()) if target_name(e) in PROCESS_EXITS} if ifs else set()
    return tuple((b["line"], b["end"]) for b in ifs
                 if b["tail"] in exits or b.get("tail_raise") in RAISED_EXITS)


def unset_flag_branch(model: "ProjectModel", edge: Edge) -> bool:
    """The call sits in the body of an else-less `if flag:` on a parameter that defaults to False
    (`def send(..., blocking: bool = False)` ... `if blocking: return post()`), and no call of the
    function in the project sets that parameter: as the project calls it, that branch never runs
    (the default path hands the work to a thread, say). A function nothing in the project calls
    may be called with the flag from outside, and keeps the branch."""
    flag = _flag_of(model, edge)
    callers = model.callers.get(edge.caller, ()) if flag else ()
    func = model.functions[edge.caller][1] if flag else None
    return bool(callers) and not any(_sets_flag(e.site, func, flag) for e in callers)


def _flag_of(model: "ProjectModel", edge: Edge) -> str:
    """The parameter defaulting to False whose else-less `if flag:` holds the call ("" for none)."""
    entry = model.functions.get(edge.caller)
    if entry is None:
        return ""
    func, line = entry[1], edge.site.line
    spans = [(start, end) for start, end in func.extra.get("optional", ()) if start <= line <= end]
    if not spans:
        return ""
    flags = {p.name for p in func.params if p.has_default and p.default is False}
    tests = [b for b in [*func.extra.get("sync_ifs", ()), *func.extra.get("blocks", ())] if b["kind"] == "if"
             and any(b["line"] < start and b["end"] == end for start, end in spans)]
    return next((b["names"][0] for b in tests if len(b.get("names", ())) == 1 and not b.get("chains")
                 and not b.get("calls") and b["names"][0] in flags), "")


def _sets_flag(site, func, flag: str) -> bool:
    """The call may pass the flag as something other than False (`**options` may hold it)."""
    value, passed = argument_for(site, func, flag, False)
    return site.star_args or passed and value is not False


def _live_chain(model: "ProjectModel", edge: Edge, callee: str, chain: list[Edge], seeds: dict[str, Seed]
                ) -> list[Edge] | None:
    """The callee's way down to a blocking call as `edge` calls it: when its first hop sits under an
    `if flag:` that `edge` leaves at its False default, another way that avoids such hops, or None
    (`optional_send(data)` never runs `if blocking: post(data)`; the thread it starts does)."""
    if not chain or callee not in model.functions:
        return chain
    func = model.functions[callee][1]
    skipped = {id(e) for e in model.edges.get(callee, ())
               if (flag := _flag_of(model, e)) and not _sets_flag(edge.site, func, flag)}
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
