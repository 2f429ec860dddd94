"""RA301 sync-io-in-async: a coroutine reaches blocking I/O, directly or through sync helpers."""
from __future__ import annotations

from typing import Iterator

from ...findings import SEVERITY_RANK, Finding, Location
from ...knowledge.blocking import Blocking, blocking_io, configured
from ...knowledge.clients import client_spec, operation_spec
from ...knowledge.queries import round_trip
from ...knowledge.webframes import SYNC_ON_LOOP
from ...model.app import is_test_path, sync_on_loop
from ...model.project import Edge, ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import Boundary, find_boundaries, group, location, short
from ._entries import EntryIndex, Reached, called_from_outside, entry_index
from ._offloaded import offloaded_client_call
from ._text import call_source, to_thread, where
from ._waits_text import waits_advice, waits_related, waits_text

_NO_TIMEOUT_KINDS = ("http",)
_ENTRY_HOPS = 8
_LIGHT = {"file": 2, "filetree": 1}  # kinds that lead a coroutine's finding last (as in `_severity`)


@register
class BlockingCallInCoroutine(Rule):
    """A coroutine that can reach a blocking call: network, database driver, redis, file,
    subprocess, socket or `time.sleep`, directly or through any depth of sync helpers.

    What it finds:
        Calls made on the event loop (in an `async def`, not handed to `asyncio.to_thread`,
        `loop.run_in_executor` or `run_in_threadpool`) that block: `requests`, sync `httpx`,
        `urllib`, `psycopg2`/`sqlite3`/sync SQLAlchemy sessions, sync `redis`, `subprocess`,
        sockets and DNS lookups (`dns.resolver`), `open()`, `time.sleep`, and
        anything listed in `blocking_calls`. Sync helpers
        are followed across modules. The finding sits on the blocking call, with the
        coroutines' calls and every hop listed: when the helpers only ever run on the event
        loop (every way into them is a coroutine's call, none through a thread, an entry point
        or a callback) it is the code to change; when threads reach it through other helpers
        it is the cause all paths share; when the helper blocks in several functions below it (a
        temp-file spool, then a subprocess on the file), the coroutine's call is cited, where one
        offload covers them all. A coroutine that blocks several times is cited at its
        heaviest wait (a subprocess or network call before a file write). When the project runs the helper the coroutine
        enters in threads by name (`to_thread(helper)`, `add_task(helper)`), the finding sits
        on the coroutine's call instead: that call forgot the offload the others make; so does a
        method of a class whose other methods the project runs in threads (`to_thread(box.fetch, ...)`
        beside a plain `box.list_files()`). A call on a third-party client a class holds
        (`self._sdk.calendar.slots(...)`, a library no knowledge names) counts as blocking when the
        project runs the class's other methods using that client in threads. Sync `def` endpoints and
        dependencies are not reported: FastAPI runs them in its threadpool. A sync handler that Tornado
        (no `@run_on_executor`) or Litestar (no `sync_to_thread=True`) calls on the event loop counts as a
        coroutine: the framework, not the handler, puts its blocking work on the loop. A literal sleep
        under 10 ms (`time.sleep(0.001)`) is LOW: it holds the loop about a millisecond a call. Code that only
        runs during startup or shutdown is not reported either, nor a plain `open()` in a
        coroutine that no entry point reaches (an uncalled method of a service class the app uses
        counts as reached: its callers lie outside the code), nor a sync function whose decorator is handed its
        async twin (`@async_dispatch(aapply) def apply`: in a coroutine it returns the twin's
        coroutine), nor a rename of one named file or a connect to a loopback address. Work that runs only on a
        cache miss (below `if key in _APPS: return _APPS[key]`, or inside an `lru_cache`d helper)
        is LOW: it blocks the first call for each key, not every call. "No
        timeout" is said only of calls whose library has no default (`requests`), not of a
        configured client's methods (`httpx.Client.send` uses the client's timeout).

    Why it matters:
        One event loop serves every request, websocket and background task of the process.
        While a blocking call waits, the loop runs nothing else: all of them stall for the
        duration of the call, and a call without a timeout can stall them indefinitely.

    Example:
        @router.post("/orders")
        async def submit_order(...):
            ...
            notifier.notify_order_event(order, "placed")   # requests.post two calls down

    Instead:
        Move the blocking work off the loop, or use an async client:

            await asyncio.to_thread(notifier.notify_order_event, order, "placed")
    """

    id = "RA301"
    name = "blocking-call-in-coroutine"
    category = "sync-io-in-async"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    examined_key = "coroutines reaching blocking I/O"
    # a helper doing I/O can switch to an async client: when only coroutines call it, it is the code to change
    cites_helpers = True  # False: cite the coroutine's call unless several coroutines share the helper

    def classify(self, name: str) -> Blocking | None:
        return blocking_io(name)

    def configured(self, name: str) -> Blocking | None:
        return configured(name, self.config.blocking_calls)

    def in_context(self, model: ProjectModel, edge: Edge) -> Blocking | None:
        """Blocking work recognised by where a call sits rather than by its name alone: a call on a
        third-party client whose other calls the project makes only in worker threads."""
        return offloaded_client_call(model, edge)

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        index = entry_index(ctx)
        boundaries = find_boundaries(model, self.classify, self.configured, self.in_context)
        if not self.cites_helpers:
            _cite_single_callers(boundaries)
        coroutines = sum(1 for _, func in model.functions.values() if func.is_async)
        ctx.examine("coroutines", coroutines)
        ctx.examine(self.examined_key, len({b.function for b in boundaries}))
        outside = called_from_outside(ctx, index)
        kept = [b for b in boundaries if self._reportable(ctx, index, b, outside)]
        # a coroutine's finding is led by its heaviest wait: a subprocess or a network call before a file write
        kept.sort(key=lambda b: (not index.is_serving(b.function), location(model, b.edge).path,
                                 _LIGHT.get(b.seed.blocking.kind, 0), b.edge.site.line))
        for boundary in group(kept):
            yield self._finding(ctx, index, boundary)

    @staticmethod
    def _reportable(ctx: ProjectContext, index: EntryIndex, boundary: Boundary, outside: set[str]) -> bool:
        if index.startup_only(boundary.function) or is_test_path(ctx.model.functions[boundary.function][0].path):
            return False
        # a small file read in code no entry point reaches is not worth a finding; an uncalled method of a
        # service the app uses is called from where the graph cannot see (another service, a route to come),
        # while an uncalled module-level coroutine is as often a script or smoke test left beside the code
        return boundary.seed.blocking.kind != "file" or index.is_serving(boundary.function) \
            or boundary.function in outside and bool(ctx.model.functions[boundary.function][1].class_name)

    def _finding(self, ctx: ProjectContext, index: EntryIndex, boundary: Boundary) -> Finding:
        model = ctx.model
        seed = boundary.seed
        no_timeout = seed.blocking.kind in _NO_TIMEOUT_KINDS and _no_timeout(seed.target, seed.edge.site.kwargs)
        what = (f"`{seed.target.removeprefix('builtins.')}` "
                f"({seed.blocking.label}{', no timeout' if no_timeout else ''})")
        reached = index.reached(boundary.function)
        related = self._related(ctx, boundary, reached)
        # a query builder (`session.query(User)`) runs at the end of its chain (`.first()`): move all of it
        source = call_source(model, boundary.edge, whole_chain=boundary.edge is seed.edge and _builds_query(seed.target))
        description = self._describe(model, boundary, reached, what, source)
        if no_timeout:
            description += " With no timeout, a slow or unreachable peer holds the loop indefinitely."
        hops = [f"{loc.path}:{loc.start_line}" for loc in related if loc.note.startswith(("calls", "blocking"))]
        severity = min(("LOW" if b.once_in else self._severity(index, b) for b in [boundary, *boundary.others]),
                       key=SEVERITY_RANK.get)
        description += _once_text(boundary)
        return self.finding(
            location(model, boundary.cited), _title(model, boundary, what), description, severity=severity,
            related=related, recommendation=self._advice(model, boundary, source),
            extra={"chain": hops, "blocking_call": seed.target, "kind": seed.blocking.kind})

    def _advice(self, model: ProjectModel, boundary: Boundary, source: str) -> str:
        """Offload or switch clients; at a shared sync helper, where to change it by who calls it; in a
        sync handler the framework runs on the loop, the framework's own offload (it cannot await)."""
        seed = boundary.seed
        framework = _loop_framework(model, boundary.function)
        if framework is not None:
            name, offload = framework
            handler = _runner_kind(model, boundary.function) == "sync handler"
            how = f"{offload} so {name} runs it in a worker thread, or make it" if handler and offload else "make it"
            return (f"{name} calls the sync `{short(boundary.function)}` on the event loop: {how} "
                    f"`async def` and run the blocking work in a worker thread:\n\n    {to_thread(source)}")
        if boundary.at_seed and not boundary.loop_only:
            return (f"`{short(seed.edge.caller)}` also serves sync callers, so keep it sync and run it in "
                    f"a worker thread where the coroutine calls it:\n\n    {to_thread(source)}")
        if boundary.waits:
            return waits_advice(boundary, source)
        if boundary.at_seed:
            return (f"`{short(seed.edge.caller)}` only ever runs on the event loop: make it non-blocking "
                    f"({seed.blocking.instead.removesuffix(' or `await asyncio.to_thread(...)`')}), or "
                    f"run it in a worker thread where the coroutine calls it:\n\n    {to_thread(source)}")
        if seed.blocking.kind == "sleep" and boundary.edge is not seed.edge:  # the sleep is helpers down
            return f"Run the helper in a worker thread so the loop keeps serving:\n\n    {to_thread(source)}"
        return self._recommendation(source, seed.blocking, seed.edge.site.args)

    @staticmethod
    def _describe(model, boundary: Boundary, reached: Reached | None, what: str, source: str) -> str:
        return (_path_text(model, boundary, _via(reached), what, source) + waits_text(model, boundary)
                + _repeats_text(model, boundary) + _others_text(model, boundary))

    @staticmethod
    def _severity(index: EntryIndex, boundary: Boundary) -> str:
        serving = index.is_serving(boundary.function)
        kind = boundary.seed.blocking.kind
        if kind == "file" or _tiny_sleep(boundary):
            return "LOW"
        if kind == "filetree":
            return "MEDIUM"
        return "HIGH" if serving else "MEDIUM"

    @staticmethod
    def _related(ctx: ProjectContext, boundary: Boundary, reached) -> list[Location]:
        model = ctx.model
        related: list[Location] = []
        if reached is not None and reached.entry is not None:
            entry = reached.entry
            related.append(Location(entry.path, entry.line, entry.line, f"entry point: {entry.name}"))
        if reached is not None:
            for edge in reached.edges[:_ENTRY_HOPS]:
                related.append(location(model, edge,
                                        f"{_verb(edge)} `{short(edge.target.name)}` (on the way from the entry)"))
        seed = boundary.seed
        if boundary.at_seed:
            runner = _runner(model, boundary.function)
            related.append(location(model, boundary.edge, f"the {runner} {_verb(boundary.edge)} "
                                                          f"`{short(boundary.edge.target.name)}` on the event loop"))
        for edge in boundary.chain:
            related.append(location(model, edge, f"{_verb(edge)} `{short(edge.target.name)}`"))
        if not boundary.at_seed and (boundary.chain or boundary.edge is not seed.edge):
            related.append(location(model, seed.edge, f"blocking call: `{seed.target.removeprefix('builtins.')}`"))
        related.extend(waits_related(model, boundary))
        for edge in boundary.repeats:
            related.append(location(model, edge, "the same blocking work again"))
        for other in boundary.others:
            what = f"`{other.seed.target.removeprefix('builtins.')}`"
            note = (f"also blocks here: {what}" if other.function == boundary.function
                    else f"also on the event loop in `{short(other.function)}`: {what}")
            related.append(location(model, other.edge, note))
        return related

    @staticmethod
    def _recommendation(source: str, blocking: Blocking, args: tuple) -> str:
        if blocking.kind == "sleep":
            delay = args[0] if args else "delay"
            return f"Sleep without blocking the loop:\n\n    await asyncio.sleep({delay})"
        return (f"Run the blocking work in a worker thread so the loop keeps serving, or switch to "
                f"{blocking.instead}:\n\n    {to_thread(source)}")


_TINY_SLEEP = 0.01  # seconds: a literal sleep this short holds the loop for about a millisecond per call


def _tiny_sleep(boundary: Boundary) -> bool:
    """`time.sleep(0.001)`: a literal pause of a millisecond or so stalls the loop far less than
    a network call or an unbounded sleep, so it is worth a LOW finding, not a HIGH one."""
    seed = boundary.seed
    args = seed.edge.site.args
    delay = args[0] if args else None
    return seed.blocking.kind == "sleep" and type(delay) in (int, float) and 0 <= delay < _TINY_SLEEP


def _cite_single_callers(boundaries: list[Boundary]) -> None:
    """Cite the coroutine's call when it is the only coroutine reaching the blocking call: the
    offload goes there. A helper many coroutines reach stays cited at its blocking call, the one
    change that fixes them all."""
    def call(boundary: Boundary) -> tuple:
        edge = boundary.seed.edge
        return edge.caller, edge.site.line, edge.site.col
    reaching: dict[tuple, set[str]] = {}
    for boundary in boundaries:
        reaching.setdefault(call(boundary), set()).add(boundary.function)
    for boundary in boundaries:
        if len(reaching[call(boundary)]) == 1:
            boundary.at_seed = False


def _runner(model: ProjectModel, fq: str) -> str:
    """What runs on the loop: "coroutine `f`", or the sync handler its framework calls there."""
    return f"{_runner_kind(model, fq)} `{short(fq)}`"


def _runner_kind(model: ProjectModel, fq: str) -> str:
    """"coroutine", or for a sync function its framework calls on the loop "sync handler" (or
    "periodic callback" for a scheduled job)."""
    entry = sync_on_loop(model).get(fq)
    if entry is None:
        return "coroutine"
    return "periodic callback" if entry.kind == "job" else "sync handler"


def _loop_framework(model: ProjectModel, fq: str) -> tuple[str, str] | None:
    """(framework name, its way to run a handler in a thread) for a sync function the framework
    calls on the loop; None for a coroutine."""
    entry = sync_on_loop(model).get(fq)
    return SYNC_ON_LOOP[entry.details["framework"]] if entry is not None else None


def _on_loop_note(model: ProjectModel, fq: str) -> str:
    """", which Tornado calls on the event loop," for a sync handler run there ("" for a coroutine)."""
    framework = _loop_framework(model, fq)
    return f", which {framework[0]} calls on the event loop," if framework else ""


def _loop_callers(model: ProjectModel, boundary: Boundary) -> str:
    """Who runs the helper on the loop: "coroutines", or wider when a sync handler is among them."""
    on_loop = sync_on_loop(model)
    handlers = [b.function in on_loop for b in [boundary, *boundary.others]]
    if all(handlers):
        return "sync handlers the framework calls on the event loop"
    return "coroutines and sync handlers the framework calls on the event loop" if any(handlers) else "coroutines"


def _title(model: ProjectModel, boundary: Boundary, what: str) -> str:
    seed = boundary.seed
    coroutine = short(boundary.function)
    if boundary.at_seed and not boundary.loop_only:
        return (f"{what} in `{short(seed.edge.caller)}` runs on the event loop when `{coroutine}` calls "
                f"`{short(boundary.edge.target.name)}`")
    if boundary.at_seed:
        only = "coroutines call" if _loop_callers(model, boundary) == "coroutines" else "code on the event loop calls"
        return f"{what} in `{short(seed.edge.caller)}` runs on the event loop (only {only} it)"
    if boundary.chain or boundary.edge is not seed.edge:
        return f"`{coroutine}` reaches {what} through `{short(boundary.edge.target.name)}`"
    framework = _loop_framework(model, boundary.function)
    note = f" ({framework[0]} calls it on the event loop)" if framework else ""
    return f"{what} called directly in {_runner(model, boundary.function)}{note}"


def _verb(edge) -> str:
    """How a step of the path runs its target: a written call, or a property read running the getter."""
    return {"property": "reads the property", "setter": "sets the property"}.get(edge.kind, "calls")


def _via(reached: Reached | None) -> str:
    """How the coroutine is reached, for the description: its entry point or the path from one."""
    if reached is None:
        return ""
    if not reached.edges and reached.entry:
        return f" (entry point {reached.describe()})"
    return f" (reached from {reached.describe()})"


def _path_text(model: ProjectModel, boundary: Boundary, via: str, what: str, source: str) -> str:
    """The coroutine's call and the helpers it goes through to the blocking call."""
    seed = boundary.seed
    runner = _runner(model, boundary.function) + via + _on_loop_note(model, boundary.function)
    helpers = [short(boundary.edge.target.name)] + [short(e.target.name) for e in boundary.chain]
    calls = _verb(boundary.edge)
    if boundary.edge.kind != "call":  # `catalog.prices`: the read runs the getter, no call is written
        source = boundary.edge.site.name
    if boundary.at_seed:
        facts = model.functions[boundary.function][0]
        reach = (f"is only ever reached from {_loop_callers(model, boundary)}, never through a thread"
                 if boundary.loop_only else
                 "also serves sync callers (a thread, sync code) on other paths, but here the loop reaches it")
        return (f"`{short(seed.edge.caller)}` calls {what} and {reach}: the {runner} {calls} "
                f"`{source}` synchronously at {where(facts.path, boundary.edge.site.line)}, and through "
                f"{' -> '.join(f'`{h}`' for h in helpers)} the call runs on the event loop.")
    if boundary.chain or boundary.edge is not seed.edge:
        seed_path = model.functions[seed.edge.caller][0].path
        return (f"The {runner} {calls} `{source}` synchronously; through "
                f"{' -> '.join(f'`{h}`' for h in helpers)} it reaches {what} at "
                f"{where(seed_path, seed.edge.site.line)}. That call runs on the event loop.")
    return f"The {runner} {calls} `{source}`: {seed.blocking.label} on the event loop."


def _once_text(boundary: Boundary) -> str:
    """The work sits behind a stored result (`if key in _APPS: return _APPS[key]`, or an
    `lru_cache`): it blocks the loop on a cache miss only, the first call for each key."""
    if not boundary.once_in or any(not other.once_in for other in boundary.others):
        return ""
    return (f" `{short(boundary.once_in)}` serves a stored result when it has one, so this runs only on "
            "a cache miss: the first call for each key (once per process when the key never changes). "
            "It still stalls the loop that once, hence LOW.")


def _repeats_text(model: ProjectModel, boundary: Boundary) -> str:
    if not boundary.repeats:
        return ""
    return f" It does so {len(boundary.repeats) + 1} times in this {_runner_kind(model, boundary.function)}."


def _others_text(model: ProjectModel, boundary: Boundary) -> str:
    """The other places this coroutine (or sync handler) blocks the loop, and the others reaching the same work."""
    text = ""
    coroutine = short(boundary.function)
    same = [o for o in boundary.others if o.function == boundary.function]
    away = [o.function for o in boundary.others if o.function != boundary.function]
    elsewhere = sorted({short(fq) for fq in away})
    if same:
        text += (f" `{coroutine}` blocks the loop at {len(same)} more place{'s' if len(same) > 1 else ''}: "
                 + ", ".join(f"`{o.seed.target.removeprefix('builtins.')}` via line {o.edge.site.line}"
                             for o in same[:5]) + ".")
    if elsewhere:
        on_loop = sync_on_loop(model)
        kind = "function" if any(fq in on_loop for fq in away) else "coroutine"  # of the functions named
        text += (f" The same blocking work is reached on the event loop from {len(elsewhere)} more "
                 f"{kind}{'s' if len(elsewhere) > 1 else ''} ("
                 + ", ".join(f"`{n}`" for n in elsewhere[:6]) + (", ..." if len(elsewhere) > 6 else "") + ").")
    return text


def _no_timeout(target: str, kwargs: dict) -> bool:
    """The call has no time limit: no `timeout=` and a library default of none (`requests.get`).
    A method of a configured client (`httpx.Client.send`) inherits the client's timeout, set where
    it is built (often from settings), and httpx's own default is 5 s: nothing to claim there."""
    if "timeout" in kwargs:
        return False
    found = operation_spec(target)
    spec = found[0] if found else client_spec(target)
    defaults = [t.default for t in (spec.timeouts if spec else ()) if t.kwarg == "timeout"]
    return bool(defaults) and all(d is None for d in defaults)


def _builds_query(target: str) -> bool:
    """An ORM session's `query(...)`: it only builds a lazy query, which the chain's last call runs."""
    trip = round_trip(target)
    return trip is not None and trip.kind == "orm" and trip.method == "query"
