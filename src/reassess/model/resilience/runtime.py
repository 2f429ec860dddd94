"""When code runs: startup hooks (lifespan, on_event("startup")), tasks spawned in the
background (create_task & co) and the entry points that reach a function at run time.

Entry points come from `model.app`; startup hooks and spawned tasks the app model does
not list yet are recognised here from decorators and call sites, so the rules work on
either."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ..app import EntryPoint
from ..overrides import overrides_of, with_dispatching_bases

if TYPE_CHECKING:
    from ..project import Edge, ProjectModel

SPAWNERS = frozenset({"create_task", "ensure_future", "start_soon", "spawn", "add_task", "run_coroutine_threadsafe"})
STARTUP_KINDS = frozenset({"lifespan", "startup"})
RUNTIME_KINDS = frozenset({"http", "websocket", "middleware", "worker", "task", "job", "exception-handler"})


@dataclass
class Spawn:
    """A coroutine handed to create_task & co."""

    spawner: str  # fq of the function that starts it
    facts: ModuleFacts
    func: FunctionFacts
    site: CallSite  # the create_task call
    target: str  # fq of the coroutine function started
    inner: CallSite  # the call that builds the coroutine

    @property
    def kept(self) -> bool:
        """The task object is kept (assigned, appended, awaited), not dropped on the floor."""
        return not self.site.discarded


def spawns(model: "ProjectModel") -> list[Spawn]:
    """Every `create_task(coro())`-like call whose coroutine is a project function."""
    return model.memo("resilience.spawns", lambda: _spawns(model))


def _spawns(model: "ProjectModel") -> list[Spawn]:
    out: list[Spawn] = []
    for edge in model.calls_named(*SPAWNERS):
        site, fq = edge.site, edge.caller
        inner_value = site.args[0] if site.args else None
        if not isinstance(inner_value, dict) or "call" not in inner_value:
            continue
        facts, func = model.functions[fq]
        for position, inner in enumerate(func.calls):
            if inner.line == inner_value.get("line") and inner.name == inner_value["call"]:
                target = model.callee_function(model.edges[fq][position].target)  # edges follow func.calls
                if target:
                    out.append(Spawn(fq, facts, func, site, target, inner))
                break
    return out


def spawned_sites(model: "ProjectModel") -> frozenset[int]:
    """The calls that build a coroutine handed to create_task & co. (by identity): the caller
    does not wait for what they run, so a request does not reach through them (the task is an
    entry point of its own)."""
    return model.memo("resilience.spawned_sites", lambda: frozenset(id(s.inner) for s in spawns(model)))


def startup_functions(model: "ProjectModel") -> frozenset[str]:
    """Lifespan and startup hooks: from the app model, else `@app.on_event("startup")`,
    `add_event_handler("startup", f)` and `FastAPI(lifespan=f)` / `@asynccontextmanager`
    functions named like a lifespan. Computed once per run (several rules ask); a frozen set,
    so that no caller can change what the others see."""
    return model.memo("startup_functions", lambda: frozenset(_startup_functions(model)))


def _startup_functions(model: "ProjectModel") -> set[str]:
    found = {e.function for e in model.app.entrypoints if e.kind in STARTUP_KINDS}
    for fq, facts, func in model.iter_functions():
        for deco in func.decorators:
            if deco.func.endswith("on_event") and deco.args[:1] == ("startup",):
                found.add(fq)
        if func.name in ("lifespan", "app_lifespan") and any(d.func.endswith("asynccontextmanager")
                                                              for d in func.decorators):
            found.add(fq)
    for module, edges in model.module_edges.items():
        for edge in edges:
            value = edge.site.kwargs.get("lifespan")
            if isinstance(value, dict) and "ref" in value:
                target = model.resolver.type_of_chain(model.modules[module], None, tuple(value["ref"].split(".")))
                if target and target[0] == "function":
                    found.add(target[1])
    return found


def runtime_entries(model: "ProjectModel") -> dict[str, EntryPoint]:
    """Entry points that run while the app serves (routes, websockets, middleware, workers).
    Built once per run: rules ask for it once per finding candidate."""
    return model.memo("runtime_entries", lambda: {e.function: e for e in model.app.entrypoints
                                                  if e.kind in RUNTIME_KINDS})


def entries_reaching(model: "ProjectModel", fqs: set[str], limit: int = 12,
                     once: bool = False) -> list[tuple[EntryPoint, list["Edge"]]]:
    """The runtime entry points (and background tasks) whose calls reach any of `fqs`,
    with the shortest chain of calls from each; with `once`, not through a call whose result
    a lazy getter keeps in a module global (it runs once per process, not per call). A route
    reaches its `Depends()` providers through the call graph, those it names itself
    (`model.depends.link_providers`) and those a router, `include_router` or the app declares for
    it (`link_declared_above`): the chain cites each `Depends(...)`."""
    seeds = with_dispatching_bases(model, fqs, constructors=False)
    handed_off = spawned_sites(model)
    chains = model.reach({fq: None for fq in seeds}, lambda edge: id(edge.site) not in handed_off
                         and not (once and kept_in_global(model, edge)))
    entries = runtime_entries(model)
    out = [(entries[fq], chain) for fq, chain in sorted(chains.items()) if fq in entries]
    spawned = model.memo("resilience.spawns_by_target", lambda: {s.target: s for s in spawns(model)})
    for fq, chain in sorted(chains.items()):
        if fq in spawned and fq not in entries:
            spawn = spawned[fq]
            out.append((EntryPoint("task", fq, spawn.facts.path, spawn.site.line, f"background task {short(fq)}"),
                        chain))
    out.sort(key=lambda item: (len(item[1]), item[0].path, item[0].line))
    return out[:limit]


REQUEST_KINDS = frozenset({"http", "websocket", "middleware", "exception-handler"})


def served_reach(model: "ProjectModel") -> frozenset[str]:
    """Functions the served app runs: what its routes, websockets, middleware and startup hooks
    call, and the tasks they start. Empty when the project serves no requests (a worker
    service, a library), where every entry point counts. A task started only from SDK or CLI
    code (a client's event-loop thread, a runner) runs in another kind of process."""
    def build() -> frozenset[str]:
        roots = [e.function for e in model.app.entrypoints if e.kind in REQUEST_KINDS]
        return frozenset(forward(model, roots + sorted(startup_functions(model)), limit=50000)) if roots \
            else frozenset()
    return model.memo("resilience.served_reach", build)


# Entry points whose handling runs in the backend's processes: requests, background work, the app's lifecycle.
BACKEND_KINDS = tuple(sorted(RUNTIME_KINDS | {"lifespan", "startup", "shutdown"}))


def backend_reach(model: "ProjectModel") -> set[str] | None:
    """Functions any of the backend's own entry points reach (routes, workers, jobs, lifecycle
    hooks, with the `Depends` providers they run: call edges); None when the project shows none. Wider than
    `served_reach`: a worker process is still the backend. Code only a CLI or an SDK reaches
    runs with the rights of whoever started it."""
    def build() -> set[str] | None:
        entries = model.app.of_kind(*BACKEND_KINDS)
        if not entries:
            return None
        return forward(model, [e.function for e in entries], limit=10**6)
    return model.memo("unsafe_conversion.server_reach", build)


def in_served_process(model: "ProjectModel", entry: EntryPoint) -> bool:
    """`entry` runs in the process that serves requests (see `served_reach`): also a task the served
    code starts from a function reference (`spawn(closer.run, "monthly-close")` in the lifespan)."""
    served = served_reach(model)
    details = entry.details or {}
    return not served or entry.kind in REQUEST_KINDS or entry.function in served or \
        bool(details.get("at_startup")) or details.get("started_in", "") in served


# awaitables that open no connection: jinja2's async render walks the template in memory, a sleep waits
NO_IO_AWAITS = frozenset({"render_async", "sleep"})


def may_wait_on_io(model: "ProjectModel") -> frozenset[str]:
    """Coroutines whose awaits can reach something outside the project (a query, a request, a call
    the model cannot resolve); the others only compute in memory (`construct(item)` that builds and
    caches an object), so running many of them at once opens no connection."""
    def build() -> frozenset[str]:
        seeds = {fq: None for fq, edges in model.edges.items() if any(
            (edge.site.awaited or edge.site.used_as in ("await", "async-with", "async-for"))
            and not edge.target.is_project and (edge.site.func or ("",))[-1] not in NO_IO_AWAITS for edge in edges)}
        # `await coro` of a coroutine handed in, or an interface method: it may be anything
        seeds.update((fq, None) for fq, (_facts, func) in model.functions.items()
                     if func.extra.get("bare_awaits") or _stub(func))
        found = set(model.reach(seeds, lambda edge: True))
        bases = {base: None for base, subs in overrides_of(model).items() if found.intersection(subs)}
        return frozenset(found | set(model.reach(bases, lambda edge: True)))  # a call through the base runs them
    return model.memo("resilience.may_wait_on_io", build)


def _stub(func: FunctionFacts) -> bool:
    """A coroutine with no body of its own (`...`, `raise NotImplementedError`, `@abstractmethod`):
    what runs is an implementation the model may not see."""
    return func.is_async and (any(d.func.endswith("abstractmethod") for d in func.decorators) or (
        not func.awaits and not any(v is not None for v in func.returns_values or ())
        and all(site.name.endswith("NotImplementedError") for site in func.calls)))


def kept_in_global(model: "ProjectModel", edge: "Edge") -> bool:
    """The caller binds the call's result to a name it declares `global`
    (`global CLIENT` ... `CLIENT = build_client()`): a lazily built process-wide object."""
    return bool(_globals_kept(model.functions[edge.caller][1], edge))


def _globals_kept(func: FunctionFacts, edge: "Edge") -> set[str]:
    """The names the caller declares `global` and binds to the call's result."""
    ref = {"call": edge.site.name, "line": edge.site.line}
    return {name for name in func.extra.get("globals", ()) if func.local_types.get(name) == ref}


def kept_on_class(model: "ProjectModel", edge: "Edge") -> str:
    """The class attribute the caller binds the call's result to (`cls._instance = cls()` in a
    classmethod, `Config._instance = Config()` in a method of `Config`), "" for none: like a name
    declared `global`, one object the whole process shares (an attribute of `self` is per instance)."""
    func = model.functions[edge.caller][1]
    owners = {"cls", func.class_name.rsplit(".", 1)[-1]} if func.class_name else set()
    for store in func.extra.get("stores", ()):
        parts = store["target"].split(".")
        if store["line"] == edge.site.line and store["kind"] == "set" and not store["item"] \
                and len(parts) == 2 and parts[0] in owners:
            return store["target"]
    return ""


def built_once(model: "ProjectModel", edge: "Edge") -> bool:
    """The call builds a process-wide object on first use only: its result goes to a `global`
    name or a class attribute, under an `if` that tests that very store (`if _CLIENT is None:`,
    `if not hasattr(cls, "_instance") or cls._instance is None:`). Later calls skip it."""
    func = model.functions[edge.caller][1]
    target = kept_on_class(model, edge)
    names = {target} if target else _globals_kept(func, edge)
    if not names:
        return False
    line = edge.site.line
    tests = [b for b in [*func.extra.get("sync_ifs", ()), *func.extra.get("blocks", ())]
             if b["kind"] == "if" and b["line"] < line <= b["end"]]
    return any(_tests_store(test, name) for test in tests for name in names)


def _tests_store(test: dict, name: str) -> bool:
    """The `if` reads the store: the name or `cls.attr` itself, or `hasattr`/`getattr` on its owner."""
    owner = name.split(".")[0]
    return name in test.get("chains", ()) or name in test.get("names", ()) or "." in name and any(
        call[0] in ("hasattr", "getattr") and call[1] == {"ref": owner} for call in test.get("calls", ()))


def short(fq: str) -> str:
    """`app.workers.price_poller.PricePoller.run` -> `PricePoller.run`; functions keep one part."""
    parts = fq.split(".")
    if len(parts) >= 2 and parts[-2][:1].isupper():
        return ".".join(parts[-2:])
    return parts[-1]


def forward(model: "ProjectModel", roots: list[str], limit: int = 5000) -> set[str]:
    """Functions reachable from the roots, following calls through a base class to its overrides,
    and the `Depends()` providers and dict-dispatched handlers they run (`model.implied_edges`)."""
    overrides = overrides_of(model)
    seen = {r for r in roots if r in model.functions}
    stack = sorted(seen)
    while stack and len(seen) < limit:
        fq = stack.pop()
        for edge in [*model.edges.get(fq, ()), *model.implied_edges(fq)]:
            callee = model.callee_function(edge.target)
            for target in [callee, *overrides.get(callee, ())] if callee else ():
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
    return seen
