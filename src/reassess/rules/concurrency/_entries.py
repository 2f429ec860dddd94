"""Which entry point reaches each function, and whether it runs while the app serves.

Computed once per run (breadth first over the call graph, O(edges)) and kept in the
project context, so every concurrency rule can say "reached from POST /api/v1/orders"
and tell serving code from code that only runs during startup or shutdown.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from ...model.app import EntryPoint, is_test_path
from ...model.overrides import protocol_implementations, self_dispatch
from ...model.passed import passed_calls
from ...model.project import Edge

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts, ModuleFacts
    from ...model.project import ProjectModel
    from ..api import ProjectContext

STARTUP_KINDS = frozenset({"lifespan", "startup", "shutdown"})
SPAWNERS = frozenset({"create_task", "ensure_future", "start_soon", "spawn", "add_task", "run_coroutine_threadsafe",
                      "create_background_task"})
_KEY = "concurrency.entries"
OFFLOADERS = ("to_thread", "run_in_executor", "run_in_threadpool", "run_sync", "submit")
_Parent = dict[str, tuple[Edge | None, EntryPoint | None, Edge | None]]


def is_async(model: "ProjectModel", fq: str) -> bool:
    found = model.functions.get(fq)
    return bool(found and found[1].is_async)


@dataclass
class Reached:
    """How a function is reached: the entry (None for a task spawned in code) and the edges from it."""

    entry: EntryPoint | None
    edges: list[Edge] = field(default_factory=list)
    spawn: Edge | None = None  # where the task was started, when the root is a spawned task

    @property
    def root(self) -> str:
        return self.edges[0].caller if self.edges else ""

    def describe(self) -> str:
        if self.entry is not None:
            name = self.entry.name.strip()
            function = self.entry.function.rsplit(".", 1)[-1]
            return name if self.entry.route or function in name else f"{name} `{function}`"
        if self.spawn is not None:
            task = self.spawn.target.name.split(".")[-2:]
            started = self.spawn.caller.rsplit(".", 1)[-1]
            return f"the task `{'.'.join(task)}` started in `{started}`"
        return "a background task"


def _threaded_per_call(entry: EntryPoint) -> bool:
    """The framework runs each call of the entry in a worker thread: a sync endpoint in a
    threadpool, or a request handler it hands to an executor (`runs_in` "thread" for a Tornado
    `@run_on_executor` method or a threading-mode socket.io handler). A thread started once
    (`Thread(target=...)`) also runs in "thread" but is no request entry: it does not run beside itself."""
    return entry.runs_in == "threadpool" or entry.runs_in == "thread" and entry.kind in ("http", "websocket")


class EntryIndex:
    """Serving reach (live entries and spawned tasks) and startup reach (lifespan/startup/shutdown)."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._threads: dict[str, Edge | EntryPoint] | None = None
        self._startup_tasks: set[str] | None = None
        self._spawn_spans, self._wrapped_spans = self._spawner_spans()  # the second: calls of project spawn helpers
        entries = sorted(model.app.entrypoints, key=lambda e: (e.path, e.line, e.function))
        live = [e for e in entries if e.kind not in STARTUP_KINDS]
        roots: list[tuple[str, EntryPoint | None, Edge | None]] = [
            (e.function, e, None) for e in live if e.runs_in == "event-loop"]
        for fq in sorted(self._spawn_spans):  # only these make calls `spawned` can hold
            for edge in model.edges[fq]:
                callee = model.callee_function(edge.target)
                if callee and self.spawned(edge):
                    roots.append((callee, None, edge))
        # Depends() providers run per request: an async one is reached from its route through the
        # provider edge (the chain cites the `Depends(...)`, on the route or above it); a sync one
        # runs in the threadpool (an offloaded edge this walk does not follow) and starts from itself
        later = [(dep, e, None) for e in live for dep in e.dependencies]
        self.serving = self._forward(roots, lambda edge: True, later)
        starts = [(e.function, e, None) for e in entries if e.kind in STARTUP_KINDS]
        self.startup = self._forward(starts, lambda edge: not self.spawned(edge))

    def spawned(self, edge: Edge) -> bool:
        """The call's coroutine is handed to create_task & co: it runs later, as its own task."""
        site = edge.site
        if site.used_as or not site.awaited and not self._handed_to_wrapper(edge):
            return False
        return any(start <= site.line <= end for start, end in self._spawn_spans.get(edge.caller, ()))

    def _handed_to_wrapper(self, edge: Edge) -> bool:
        """A coroutine function called as the argument of a project helper that schedules it."""
        callee = self.model.callee_function(edge.target)
        return bool(callee) and is_async(self.model, callee) and any(
            start <= edge.site.line <= end for start, end in self._wrapped_spans.get(edge.caller, ()))

    def reached(self, fq: str) -> Reached | None:
        for parent in (self.serving, self.startup):
            if fq in parent:
                return _path(parent, fq)
        return None

    def is_serving(self, fq: str) -> bool:
        return fq in self.serving

    def in_threads(self) -> dict[str, Edge | EntryPoint]:
        """Sync functions that run in worker threads while the app serves, concurrently with
        themselves: sync endpoints and dependencies (FastAPI's threadpool), handlers the framework
        hands to a thread per call (Tornado's `@run_on_executor`), callables handed to
        `to_thread`/`run_in_executor`/`run_in_threadpool` by serving code, and the sync code they
        call. fq -> the offloading call or the entry that puts it there. Computed once."""
        if self._threads is None:
            self._threads = self._thread_reach()
        return self._threads

    def _thread_reach(self) -> dict[str, Edge | EntryPoint]:
        model = self.model
        found: dict[str, Edge | EntryPoint] = {}
        for entry in sorted(model.app.entrypoints, key=lambda e: (e.path, e.line, e.function)):
            if entry.kind in STARTUP_KINDS:
                continue
            threaded = [entry.function] if _threaded_per_call(entry) else []
            for fq in threaded + entry.dependencies:  # sync dependencies run in the threadpool too
                if fq in model.functions and not is_async(model, fq):
                    found.setdefault(fq, entry)
        for caller in sorted(model.functions_calling(named=OFFLOADERS)):
            if concurrent(self, caller):
                for edge in model.edges[caller]:
                    callee = model.callee_function(edge.target)
                    if edge.site.offloaded and callee and not is_async(model, callee):
                        found.setdefault(callee, edge)
        queue = deque(found)
        while queue:
            fq = queue.popleft()
            for edge in model.edges.get(fq, ()):
                callee = model.callee_function(edge.target)
                if callee and callee not in found and not is_async(model, callee):
                    found[callee] = found[fq]
                    queue.append(callee)
        return found

    def startup_only(self, fq: str) -> bool:
        return fq in self.startup and fq not in self.serving

    def spawned_at_startup(self) -> set[str]:
        """The functions tasks started by startup code run: they can interleave with the rest of
        startup, unlike routes, which start once it is over. Computed once, on first use."""
        if self._startup_tasks is None:
            roots = [(callee, None, edge) for fq in sorted(self.startup.keys() & self._spawn_spans)
                     for edge in self.model.edges.get(fq, ())
                     if self.spawned(edge) and (callee := self.model.callee_function(edge.target))]
            self._startup_tasks = set(self._forward(roots, lambda edge: True))
        return self._startup_tasks

    def _spawner_spans(self) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        """The lines of each function where a coroutine is handed to a spawner: create_task & co,
        or a project helper that schedules its own argument (`safe_ensure_future(coro)`); and, apart,
        the lines of the calls of those helpers."""
        spans: dict[str, list[tuple[int, int]]] = {}
        wrapped: dict[str, list[tuple[int, int]]] = {}
        wrappers = set()
        for edge in self.model.calls_named(*SPAWNERS):
            spans.setdefault(edge.caller, []).append((edge.site.line, edge.site.end_line))
            if _schedules_parameter(self.model.functions[edge.caller][1], edge.site):
                wrappers.add(edge.caller)
        for edge in (call for fq in sorted(wrappers) for call in self.model.callers.get(fq, ())):
            spans.setdefault(edge.caller, []).append((edge.site.line, edge.site.end_line))
            wrapped.setdefault(edge.caller, []).append((edge.site.line, edge.site.end_line))
        return spans, wrapped

    def _forward(self, roots: list[tuple[str, EntryPoint | None, Edge | None]],
                 follow: Callable[[Edge], bool],
                 later: list[tuple[str, EntryPoint | None, Edge | None]] = ()) -> _Parent:
        """Multi-source breadth-first search along call edges; each function keeps its first path.
        A call on a value typed as a protocol (`await worker.run()` on a `Worker` protocol) reaches
        the project classes implementing it: those are what runs. A call of a parameter runs the
        project functions callers pass there, and `self.method()` in a base class the overrides of its
        constructed subclasses (`_indirect_calls`). (Calls on a base class are not fanned out to every
        subclass: that would make each subclass of a wide hierarchy serving code.)"""
        model = self.model
        overrides = protocol_implementations(model)
        indirect = _indirect_calls(model)
        parent: _Parent = {}
        queue: deque[str] = deque()
        for batch in (roots, later):  # `later` roots: those the first ones do not reach
            for fq, entry, spawn in batch:
                if fq in model.functions and fq not in parent:
                    parent[fq] = (None, entry, spawn)
                    queue.append(fq)
            while queue:
                fq = queue.popleft()
                _, entry, spawn = parent[fq]
                for edge in [*model.edges.get(fq, ()), *indirect.get(fq, ()), *model.implied_edges(fq)]:
                    if edge.site.offloaded or not follow(edge):
                        continue
                    callee = model.callee_function(edge.target)
                    for target in [callee, *overrides.get(callee, ())] if callee else ():
                        if target not in parent:
                            parent[target] = (edge, entry, spawn)
                            queue.append(target)
        return parent


def _indirect_calls(model: "ProjectModel") -> dict[str, list[Edge]]:
    """Function fq -> the calls the call graph cannot name: a parameter called with the project
    functions passed for it (`model.passed.passed_calls`) and `self.method()` landing on the
    overrides of constructed subclasses (`model.overrides.self_dispatch`)."""
    passed, dispatched = passed_calls(model), self_dispatch(model)
    return {fq: [*passed.get(fq, ()), *dispatched.get(fq, ())] for fq in passed.keys() | dispatched.keys()}


def _path(parent: _Parent, fq: str) -> Reached:
    edges: list[Edge] = []
    current = fq
    _, entry, spawn = parent[fq]
    while len(edges) < 50:
        edge = parent[current][0]
        if edge is None:
            break
        edges.append(edge)
        current = edge.caller
    return Reached(entry, list(reversed(edges)), spawn)


def entry_index(ctx: "ProjectContext") -> EntryIndex:
    """The index for this run, built on first use and shared by the concurrency rules."""
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = EntryIndex(ctx.model)
    return ctx.extra[_KEY]


def concurrent_coroutines(ctx: "ProjectContext") -> Iterator[tuple[str, "ModuleFacts", "FunctionFacts"]]:
    """The coroutines outside tests that can run concurrently with themselves: where a
    check-then-act across an `await` can interleave with another request."""
    index = entry_index(ctx)
    for fq, facts, func in ctx.model.iter_functions():
        if func.is_async and not is_test_path(facts.path) and concurrent(index, fq):
            yield fq, facts, func


def serving_coroutines(ctx: "ProjectContext") -> Iterator[tuple[str, "ModuleFacts", "FunctionFacts"]]:
    """`concurrent_coroutines`, and the uncalled methods of classes the serving app uses: their
    callers lie outside this code (a route not yet wired, another service, a script, or a call
    the graph cannot resolve, `self._factory(db).finalize()`), with the coroutines they await."""
    index, model = entry_index(ctx), ctx.model
    outside = called_from_outside(ctx, index)
    for fq, facts, func in model.iter_functions():
        if func.is_async and not is_test_path(facts.path) and (concurrent(index, fq) or fq in outside):
            yield fq, facts, func


_OUTSIDE_HOPS = 3


def _used_from_outside(model: "ProjectModel", index: "EntryIndex", facts: "ModuleFacts", func: "FunctionFacts",
                       serving_modules: set[str]) -> bool:
    """An uncalled method of a class the serving app uses, or an uncalled public module-level
    coroutine beside functions the app serves (`handle_fill` next to `handle_ack`): called from a
    dispatch table (`_HANDLERS[kind](...)`) or another service, which the call graph does not see."""
    if not func.class_name:
        return facts.module in serving_modules and not func.name.startswith("_") and not func.is_nested
    return any(index.is_serving(f"{facts.module}.{func.class_name}.{m}")
               for m in model.classes[f"{facts.module}.{func.class_name}"][1].methods)


def _dispatched(model: "ProjectModel", modules: set[str]) -> set[str]:
    """Project coroutines named as the values of a module-level dict in a module the app serves
    from (`_HANDLERS = {"fill": fills.handle_fill}`, then `await _HANDLERS[kind](event)`): a
    dispatch table, whose calls the graph cannot follow."""
    found = set()
    for module in modules:
        facts = model.modules[module]
        for ref in (ref for assign in facts.assigns.values() for ref in _dict_value_refs(assign.value)):
            target = model.resolver.type_of_chain(facts, None, tuple(ref.split(".")))
            if target is not None and target[0] == "function" and is_async(model, target[1]):
                found.add(target[1])
    return found


def _dict_value_refs(value: object) -> list[str]:
    """The names a literal dict maps its keys to (`{"fill": fills.handle_fill}` -> ["fills.handle_fill"])."""
    if not isinstance(value, dict) or value.get("literal") != "dict":
        return []
    return [item[1]["ref"] for item in value.get("items", ()) if len(item) == 2 and isinstance(item[1], dict)
            and isinstance(item[1].get("ref"), str)]


def _outside_frontier(model: "ProjectModel", index: "EntryIndex") -> set[str]:
    """The coroutines called from where the call graph cannot see: uncalled ones the serving app
    uses (`_used_from_outside`) and the values of its dispatch tables."""
    serving = {fq: facts.module for fq, facts, _func in model.iter_functions() if index.is_serving(fq)}
    serving_modules = {serving[fq] for fq in serving if not model.functions[fq][1].class_name}
    frontier = {fq for fq, facts, func in model.iter_functions() if func.is_async
                and not model.callers.get(fq) and _used_from_outside(model, index, facts, func, serving_modules)}
    return frontier | _dispatched(model, set(serving.values()))


def called_from_outside(ctx: "ProjectContext", index: "EntryIndex") -> set[str]:
    """Uncalled async methods of classes the serving app uses (and uncalled public coroutines of
    modules it serves), and the coroutines they await (up to three calls down), once per run."""
    key = f"{_KEY}.outside"
    if key not in ctx.extra:
        model = ctx.model
        frontier = _outside_frontier(model, index)
        found = set(frontier)
        for _ in range(_OUTSIDE_HOPS):
            frontier = {c for fq in frontier for e in model.edges.get(fq, ()) if e.site.awaited
                        and (c := model.callee_function(e.target)) and c not in found and is_async(model, c)}
            found |= frontier
        ctx.extra[key] = found
    return ctx.extra[key]


def concurrent(index: EntryIndex, fq: str) -> bool:
    """Code that can run concurrently with itself: reached while the app serves, or any code
    when no entry point is known at all (a library or an undetected framework)."""
    return index.is_serving(fq) or not index.serving


class SharedInstances:
    """Whether instances of a class live across requests: constructed at module level, during
    startup, or inside another object's `__init__` (a service held by a service). Per-call
    construction (in a handler or an ordinary function) is not shared."""

    def __init__(self, model: "ProjectModel", index: EntryIndex) -> None:
        self.model = model
        self.places: dict[str, list[str]] = {}  # class fq -> "module" / "startup" / "owner" / "call"
        for module, edges in model.module_edges.items():
            for edge in edges:
                self._note(edge, "module")
        for fq, edges in model.edges.items():
            where = "startup" if fq in index.startup else ("owner" if fq.endswith(".__init__") else "call")
            for edge in edges:
                self._note(edge, where)

    def _note(self, edge: Edge, where: str) -> None:
        if edge.target.kind == "class":
            for cls in self.model.mro(edge.target.name):
                self.places.setdefault(cls, []).append(where)

    def shared(self, class_fq: str) -> bool:
        places = self.places.get(class_fq)
        return places is None or any(p != "call" for p in places)


def shared_instances(ctx: "ProjectContext") -> SharedInstances:
    key = "concurrency.shared"
    if key not in ctx.extra:
        ctx.extra[key] = SharedInstances(ctx.model, entry_index(ctx))
    return ctx.extra[key]


def _schedules_parameter(func: "FunctionFacts", spawn: "CallSite") -> bool:
    """The spawner call hands on a parameter of its function, itself or wrapped in a call on the same
    lines (`asyncio.ensure_future(safe_wrapper(coro))`): calling the function schedules its argument."""
    params = {p.name for p in func.params} - {"self", "cls"}
    sites = [s for s in func.calls if spawn.line <= s.line <= spawn.end_line]
    return any(isinstance(arg, dict) and arg.get("ref") in params
               for site in sites for arg in (*site.args, *site.kwargs.values()))

