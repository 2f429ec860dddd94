"""RA501 global-mutable-state: a module-level variable that requests or workers change."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.programs import EMBEDDED_SERVERS
from ...knowledge.clocks import CLOCKS
from ...model.app import is_test_path
from ...model.depends import param_providers
from ...model.lifetime import process_provider
from ...model.origins import arguments_for
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.runtime import entries_reaching, in_served_process, short
from ...model.resilience.state import ModuleState, module_state
from ...model.resilience.triggers import REQUEST_KINDS
from ..api import ProjectContext, Rule, register
from ..errors.grouping import group_repeats
from ._app_objects import AppObjectWrite, app_object_writes
from ._per_process_state import claim_record, is_latch, memo_cache, refreshed_snapshot, unlaunched_coroutines
from .request_state_in_singleton import request_state, resources_only

_MAX_RELATED = 10
_KIND_TEXT = {"container": "module-level container", "instance": "module-level singleton",
              "global": "module-level variable", "object": "module-level object"}


@register
class ModuleStateMutatedAtRuntime(Rule):
    """Module-level state that request handlers or background tasks write.

    What it finds:
        Module variables - containers (`dict`, `list`, `set`, `deque`, ...), singletons of project
        classes whose methods write their own attributes, objects whose attributes are assigned,
        and names rebound with `global` - that a function reached from a route, a websocket, a
        middleware or a background task writes (also a `Depends()` provider the route runs). A
        `global` that each call rebinds to data of that call (`_current_tenant = tenant` in an auth
        dependency, `set_actor(actor)` from a route) holds one request's value where every concurrent
        request reads it: that finding cites the rebinding (a clock reading the caller passes,
        `now=datetime.now(timezone.utc)` for a once-a-day throttle, is this process's time, not
        a request's data: reported as state mutated at run time). Also the object a cached provider hands every
        caller (`@lru_cache def get_settings()`) when a request assigns one of its attributes
        (`settings = get_settings(); settings.ttl = body.minutes`, or on a `Depends(get_settings)`
        parameter): cited at the assignment. Containers written only by coroutines nothing in
        the project calls or starts (a worker module launched by a process manager or a task
        queue), or that startup code hands to a scheduler without awaiting them (`every(10.0,
        pipeline.flush)`), count too: a coroutine only runs at run time. Writes made only at import time (registries
        filled by decorators) or during startup are not reported, nor constants that are only
        read (`Final` tables, lookup dicts). Per-process by nature and left out: sets that only
        keep asyncio tasks alive (`_tasks.add(task)`), a leader flag or lock session rebound by
        the function that takes the distributed lock (`pg_try_advisory_lock`), a value set once
        while still unset (`if _config is None: _config = load_from_env()`, a lazily imported
        library), a flag a signal handler sets, and names bound under `if __name__ == "__main__":`
        (they exist only in the one process the script starts). Also an attribute of an object the
        application keeps for every request (`request.app[CONTAINER].settings.current_id = ...` in
        aiohttp, `request.app.state.settings.x = ...`) that a handler or middleware assigns from
        data of the request (a literal flag or number is not): cited at the assignment, since
        concurrent requests overwrite each other's value. In a program its user runs as one
        process (a desktop or terminal program, see `model.program_kind`) there is no other process
        to diverge from: only a request's data in a global is reported, as the overwrite it is.

    Why it matters:
        The value lives in one process: with several workers or replicas each has its own copy,
        so what one request wrote is invisible to the next request served elsewhere (limits,
        counters and registries silently diverge). Writes from sync endpoints run in the thread
        pool and race; the state grows for the life of the process unless something evicts it,
        and tests that import the module share it.

    Example:
        _recent_submissions: dict[int, list[float]] = {}

        @router.post("")
        async def submit_order(...):
            _recent_submissions[user["id"]] = recent

    Instead:
        Keep shared state in a shared store (Redis, the database) or pass an explicitly owned
        object through app.state/dependencies; for per-process caches, bound them and document
        that they are per process.
    """

    id = "RA501"
    name = "module-state-mutated-at-runtime"
    category = "global-mutable-state"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        states = module_state(model)
        ctx.examine("module state", sum(len(f.assigns) for f in model.modules.values()))
        statements: dict[tuple, list[tuple[ModuleState, list]]] = {}
        alone = single_process(model)
        for state in states:
            if _reported_elsewhere(model, state):
                continue
            reached = [r for r in entries_reaching(model, set(state.writers()), limit=40)
                       if in_served_process(model, r[0])][:6]
            if _diverges_harmlessly(model, state, reached, alone):
                continue
            if reached:
                statements.setdefault(_statement(model, state, reached), []).append((state, reached))
            elif state.kind == "container":
                roots = unlaunched_coroutines(model, state)
                if roots:
                    yield self._finding(ctx, state, [], roots)
        yield from self._statement_findings(ctx, statements)
        if not alone:
            yield from self._provided_objects(model)
        for write in app_object_writes(model):
            yield self._app_object_finding(write, bool(alone))

    def _app_object_finding(self, write: AppObjectWrite, alone: bool) -> Finding:
        """Cited at the assignment: one request's data put where every request of the process reads it."""
        description = (
            f"`{write.shown}` is assigned data of the request for {', '.join(write.entries[:4])}: an attribute of an "
            "object the application keeps for every request. The event loop serves many requests at once, so a "
            "concurrent request overwrites the value before this one reads it back, and reads another request's "
            "value" + ("." if alone else "; other processes and replicas never see it."))
        return self.finding(
            Location(write.path, write.line, write.line),
            f"request data written onto the app-wide object `{write.shown.rsplit('.', 1)[0]}`", description,
            recommendation="Keep per-request values on the request (`request[\"conference_id\"] = ...` in aiohttp, "
            "`request.state` in Starlette) or in a `contextvars.ContextVar`, and pass them on explicitly; treat "
            "the app's shared objects as read-only once the app has started.")

    def _statement_findings(self, ctx: ProjectContext, statements: dict[tuple, list[tuple[ModuleState, list]]]
                            ) -> Iterator[Finding]:
        """One finding per statement's variables, the module's variables of one shape merged past
        `max_per_module`: one pattern repeated is one fix, not a finding per name."""
        limit = int(self.option("max_per_module", 3))
        for merged in group_repeats(list(statements.values()), lambda group: _shape(ctx.model, group), limit):
            states = [pair for group in merged for pair in group]
            reached = _union_reached([r for _state, r in states])
            yield self._finding(ctx, states[0][0], reached, also=[other for other, _r in states[1:]],
                                spread=len(merged) > 1)

    def _provided_objects(self, model: ProjectModel) -> Iterator[Finding]:
        """One finding per request-reached assignment to an attribute of a cached provider's object."""
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path):
                continue
            for store in func.extra.get("stores", ()):
                root, _, attr = store["target"].partition(".")
                provider = _provider_of(model, fq, func, root) if attr and not store.get("item") else ""
                entries = [e.name for e, _c in entries_reaching(model, {fq}, limit=20)
                           if e.kind in REQUEST_KINDS] if provider else []
                if entries:
                    yield self._provided_finding(model, facts.path, store, provider, entries)

    def _provided_finding(self, model: ProjectModel, path: str, store: dict, provider: str,
                          entries: list[str]) -> Finding:
        pfacts, pfunc = model.functions[provider]
        description = (
            f"`{store['target']}` is assigned for {', '.join(entries[:4])}, on the object `{short(provider)}()` "
            f"returns ({pfacts.path}:{pfunc.line}): a cached provider, so every caller in this process shares that "
            "object. The change reaches only the process that served the request: other workers and replicas "
            "keep the old value, and a restart resets it.")
        return self.finding(
            Location(path, store["line"], store["line"]),
            f"request changes `{store['target']}` on the process-wide object from `{short(provider)}()`",
            description, related=[Location(pfacts.path, pfunc.line, pfunc.line, "the cached provider")],
            recommendation="Keep values that change at run time in a shared store (the database, Redis), read "
            "through a short local cache; treat the provider's object as read-only configuration.")

    def _finding(self, ctx: ProjectContext, state: ModuleState, reached: list, roots: list[str] = (),
                 also: list[ModuleState] = (), spread: bool = False) -> Finding:
        """One finding for `state` and the others one statement binds with it (`also`), written by
        the same functions: one change fixes them together. With `spread`, `also` are the module's
        other variables of the same shape (`_shape`), bound by their own statements: one pattern,
        cited at its first variable with the others as related locations."""
        entries = _entry_texts(reached, roots)
        writes = sorted((w for one in (state, *also) for w in one.writes), key=lambda w: (w.path, w.line))
        if _request_value(ctx.model, state, reached):
            return self._request_value_finding(state, _request_writes(state, reached) or writes, entries,
                                               bool(single_process(ctx.model)))
        latch = is_latch(ctx.model, state) and all(is_latch(ctx.model, one) for one in also)
        related = [Location(one.facts.path, one.assign.line, one.assign.line, f"also `{one.name}`")
                   for one in also] if spread else []
        related += [Location(w.path, w.line, w.line, f"written in {short(w.function)} ({w.how})")
                    for w in writes[:_MAX_RELATED]]
        return self.finding(
            Location(state.facts.path, state.assign.line, max(state.assign.line, state.assign.end_line or 0)),
            _title(state, also, spread, latch, writes),
            _description(state, also, spread, reached, entries, writes, latch), related=related,
            recommendation=_recommendation(state),
            severity="LOW" if latch else self.severity,
            extra={"state": state.to_dict({state.fq: entries})},
        )

    def _request_value_finding(self, state: ModuleState, writes: list, entries: list[str],
                               alone: bool = False) -> Finding:
        """Cited at the rebinding: the defect is storing one request's data where every request reads it
        (in a program of one process, `alone`, there are no other workers to name)."""
        first = writes[0]
        description = (
            f"`{short(first.function)}` sets the module global `{state.name}` ({state.facts.path}:"
            f"{state.assign.line}) to data of the call it serves, for {', '.join(entries[:4])}. The event loop "
            "serves many requests at once in one process, so a concurrent request overwrites the value before "
            "this one reads it back (one request acting with another's identity or data)"
            + ("." if alone else "; and other worker processes never see it."))
        related = [Location(state.facts.path, state.assign.line, state.assign.line, "the module global")]
        related += [Location(w.path, w.line, w.line, f"also rebound in {short(w.function)}") for w in writes[1:4]]
        return self.finding(
            Location(first.path, first.line, first.line),
            f"request data kept in the module global `{state.name}`", description, related=related,
            recommendation=f"Keep per-request values in a `contextvars.ContextVar` (`{state.name}.set(value)` in the "
            "dependency or middleware) or pass them explicitly; never in a module global.",
            extra={"state": state.to_dict({state.fq: entries})},
        )


def _reported_elsewhere(model: ProjectModel, state: ModuleState) -> bool:
    """State this rule leaves alone: in tests; a service instance keeping request data or only
    resources (reported per attribute by RA503); a claim record or a memo cache, whose copies per
    process are what they are meant to be."""
    if is_test_path(state.facts.path) or state.instance_of and (
            request_state(model, state.instance_of) or resources_only(model, state.instance_of)):
        return True
    return bool(claim_record(model, state) or memo_cache(state))


def _diverges_harmlessly(model: ProjectModel, state: ModuleState, reached: list, alone: bool) -> bool:
    """A copy per process that does no harm: a snapshot each process refreshes from the shared source
    itself, or, in a program of one process (`alone`), its own state with no other copy to diverge
    from (unless it keeps one request's data where every request reads it)."""
    if reached and refreshed_snapshot(model, state, reached):
        return True
    return bool(alone and not (reached and _request_value(model, state, reached)))


def _entry_texts(reached: list, roots: list[str]) -> list[str]:
    """The entry points that reach the writers, or the run-time coroutines when none does."""
    return [entry.name for entry, _chain in reached] or \
        [f"the coroutine{'s' if len(roots) != 1 else ''} {', '.join(f'`{short(r)}`' for r in roots[:4])}, which "
         "no request and no startup step runs (they run at run time: a worker, a schedule or a launcher "
         "outside the project starts them)"]


def _title(state: ModuleState, also: list[ModuleState], spread: bool, latch: bool, writes: list) -> str:
    writers = {short(w.function) for w in writes}
    subject = (f"{len(also) + 1} module-level {'flags and counters' if latch else 'variables'} of {state.facts.path} "
               if spread else f"module-level {_names([state, *also])} ")
    return (subject + f"{'are' if also else 'is'} mutated at run time by "
            f"{len(writers)} function{'s' if len(writers) != 1 else ''}")


def _description(state: ModuleState, also: list[ModuleState], spread: bool, reached: list, entries: list[str],
                 writes: list, latch: bool) -> str:
    """What is written, by whom, from which entries, and why another process never sees it."""
    threaded = [entry.name for entry, _chain in reached if entry.runs_in == "threadpool"]
    writers = sorted({short(w.function) for w in writes})
    hows = sorted({w.how for w in writes})
    kind = _KIND_TEXT[state.kind] + (f" (`{short(state.instance_of)}`)" if state.instance_of else "")
    bound = "s of one module, each" if spread else "s bound in one statement and" if also else ""
    text = (
        f"{_names([state, *also])} ({state.facts.path}:{state.assign.line}) {'are' if also else 'is a'} {kind}"
        f"{bound} written at run time by "
        f"{', '.join(f'`{w}`' for w in writers[:6])} ({'; '.join(hows[:4])}), reached from "
        f"{', '.join(entries)}. {_copies_text(reached)}"
        + (f"; {', '.join(threaded)} run{'s' if len(threaded) == 1 else ''} in the thread pool, so writes "
           "can interleave" if threaded and not all(w.locked for w in writes) else "")
        + "."
    )
    aliased = [w for w in writes if w.alias]
    if aliased:
        changes = "merges into" if all(w.how.startswith("`update()`") for w in aliased) else "changes in"
        text += (f" The local is the module's own object, not a copy: what one call {changes} it stays there, and "
                 "every later call in this process starts from that instead of the pristine value.")
    if latch:
        text += (" Each is a flag or a counter this process sets to constants or counts up and no "
                 "function returns: a per-process latch (a notice shown once, a check made once per "
                 "process), by design unless the processes must agree on it.")
    return text


def _copies_text(reached: list) -> str:
    """Why another process never sees the value, worded for what serves the writes: requests under
    an ASGI/WSGI server (several workers are the norm), only a server the program embeds (one
    process unless it is replicated), or no request at all (a worker, a script, a startup step)."""
    served = [entry for entry, _chain in reached if entry.kind in REQUEST_KINDS]
    if not served:
        return ("Each process that runs this code holds its own copy: nothing it stores is shared with "
                "another process or replica")
    if all(str((entry.details or {}).get("framework", "")) in EMBEDDED_SERVERS for entry in served):
        framework = str((served[0].details or {}).get("framework", ""))
        return (f"The program serves these through the {framework} server it runs itself, one process unless "
                "it is replicated: with replicas, each holds its own copy and what one request stores is not "
                "seen by requests another serves")
    return ("Every worker process holds its own copy, so what one request stores is not seen by requests "
            "served by another process or replica")


def _shape(model: ProjectModel, group: list[tuple[ModuleState, list]]) -> tuple:
    """Grouping key of one statement's finding among its module's: the module, the kind of state
    and whether it is a latch; a request value is alone (it is cited at its own rebinding)."""
    state, reached = group[0]
    if _request_value(model, state, reached):
        return (state.fq,)
    return (state.facts.path, state.kind, state.instance_of, is_latch(model, state))


def _union_reached(all_reached: list[list]) -> list:
    """The entry points reaching any of the grouped states, each once, in order (at most six)."""
    seen: dict[str, tuple] = {}
    for reached in all_reached:
        for entry, chain in reached:
            seen.setdefault(entry.name, (entry, chain))
    return list(seen.values())[:6]


def _statement(model: ProjectModel, state: ModuleState, reached: list) -> tuple:
    """Group key: the statement that binds the state and the functions that write it (states bound
    together, `_a, _b = [], {}`, and refreshed together are one finding). A request value is cited
    at its own rebinding, alone."""
    if _request_value(model, state, reached):
        return (state.fq,)
    return (state.facts.path, state.assign.line, tuple(sorted(set(state.writers()))), state.kind, state.instance_of)


def _names(states: list[ModuleState]) -> str:
    names = [f"`{one.name}`" for one in states]
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def _request_value(model: ProjectModel, state: ModuleState, reached: list) -> bool:
    """A `global` every write rebinds to data of the call (`_current_tenant = tenant` in a
    dependency, `set_actor(actor)` from a route) and a request reaches: a per-request value in a
    variable all concurrent requests share, not a per-process cache or flag. A setter the request
    path calls only with values written in the code (`set_state("degraded")` from a load gate) moves
    a process-wide status between fixed values: no request's data is kept."""
    return state.kind == "global" and bool(state.writes) and all(w.per_call for w in state.writes) and \
        any(_passes_data(model, state, chain) for entry, chain in reached if entry.kind in REQUEST_KINDS)


def _request_writes(state: ModuleState, reached: list) -> list:
    """The rebindings a request's chain of calls ends in (cited before those only startup makes)."""
    ends = {chain[-1].target.name if chain else entry.function for entry, chain in reached
            if entry.kind in REQUEST_KINDS}
    return [w for w in state.writes if w.function in ends]


def _passes_data(model: ProjectModel, state: ModuleState, chain: list) -> bool:
    """The last call of a request's chain hands the writer something other than a literal for a
    parameter the global is rebound from (the entry rebinding it itself passes its own data)."""
    if not chain:
        return True
    writer = chain[-1].target.name
    if writer not in model.functions:
        return True
    func = model.functions[writer][1]
    value = func.local_types.get(state.name)
    source = value.get("ref", "").split(".", 1)[0] if isinstance(value, dict) else ""
    index = next((i for i, p in enumerate(func.params) if p.name == source), -1)
    if index < 0:
        return True  # built through locals or calls: data of the call as `_from_params` found it
    _edge, passed = next(arguments_for([chain[-1]], func, index))
    caller = model.functions.get(chain[-1].caller)
    if caller is not None and _clock_reading(caller[1], passed):
        return False  # `now=datetime.now(timezone.utc)`: the time this process ran it, not the request's data
    return isinstance(passed, dict)


def _clock_reading(func, value: object) -> bool:
    """The argument reads a clock (`datetime.now(...)`, `time.monotonic()`), directly or through a local."""
    if isinstance(value, dict) and isinstance(value.get("ref"), str):
        value = func.local_types.get(value["ref"])
    call = value.get("call") if isinstance(value, dict) else None
    return isinstance(call, str) and call.rsplit(".", 1)[-1] in CLOCKS


def _provider_of(model: ProjectModel, fq: str, func, name: str) -> str:
    """The cached provider (`process_provider`) whose object the local `name` holds: bound to its
    call (`settings = get_settings()`) or injected as a `Depends(get_settings)` parameter; else ""."""
    bound = func.local_types.get(name)
    param = next((p for p in func.params if p.name == name), None)
    if isinstance(bound, dict) and "call" in bound:
        candidates = [e.target.name for e in model.edges.get(fq, ()) if e.target.kind == "function"
                      and e.site.line == bound.get("line") and e.site.name == bound["call"]]
    elif param is not None:
        candidates = param_providers(model, model.functions[fq][0], func, param)
    else:
        return ""
    return next((c for c in candidates if c in model.functions and process_provider(model.functions[c][1])), "")


def _recommendation(state: ModuleState) -> str:
    if state.kind == "instance":
        return (
            f"Create the `{short(state.instance_of)}` in the lifespan and hand it out through `app.state` or a "
            "dependency, so its owner and lifetime are explicit; if what it holds must be shared across "
            "processes (connections, subscriptions), back it with a shared channel such as Redis pub/sub."
        )
    return (
        f"Move `{state.name}` out of the module: keep data that must agree across processes in Redis or the "
        "database (e.g. a Redis sorted set or INCR with EXPIRE for counters and rate limits), and give "
        "per-process caches an owner object with a size bound and eviction."
    )
