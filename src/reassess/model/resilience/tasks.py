"""Background workers and how they survive failures: the loop that keeps each one alive, the
awaits in it that can raise without a handler inside the loop, and whether anything
supervises the task (a done-callback, a restarting wrapper)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge.clients import IO_LIBRARIES
from ...knowledge.exceptions import CATCHES_CANCELLATION, DATA_ERRORS, is_broad, last_name
from ...knowledge.lifecycle import ONE_TIME_STARTS
from ...knowledge.logs import LOG_METHODS
from ...knowledge.queues import BLOCKING_POPS, BLOCKING_STREAM_READS, MESSAGE_STREAM_ITERATORS, QUEUE_PUTS
from ...knowledge.retry import SLEEPS
from ...knowledge.taskgroups import GROUP_OPENER_NAMES
from ..app import EntryPoint
from ..origins import positional_params
from ..task_groups import started_in_group
from ..worker_loops import async_iterated, endless_loop
from . import blocks as blk
from .connections import RECEIVES, on_connection, teardown, tested_connection
from .guards import resolved_name
from .triggers import request_driven, request_entry

if TYPE_CHECKING:
    from ..project import ProjectModel

# Awaits that wait for work and do not fail on their own.
SAFE_WAITS = frozenset({
    *SLEEPS, "asyncio.Queue.get", "asyncio.Queue.put", "asyncio.Queue.join", "asyncio.Event.wait",
    "asyncio.Condition.wait", "asyncio.Semaphore.acquire", "asyncio.Lock.acquire", "asyncio.PriorityQueue.get",
    "asyncio.LifoQueue.get", "anyio.Event.wait", "asyncio.wait", "asyncio.gather",
})
# Blocking pauses of a loop run in a thread (a plain function): not awaited, they pause all the same.
_THREAD_PAUSES = frozenset({"time.sleep", "threading.Event.wait", "threading.Condition.wait"})
_SUPERVISION = ("add_done_callback",)
# A done-callback that only drops the task from a collection keeps a reference, it watches nothing.
_BOOKKEEPING = frozenset({"discard", "remove", "pop"})
_WAIT_WRAPPERS = frozenset({"asyncio.wait_for", "asyncio.tasks.wait_for"})
# Awaiting these on a task hears of its end (and of its exception) in the starter.
_TASK_WAITS = frozenset({"asyncio.wait", "asyncio.gather", "asyncio.wait_for", "asyncio.shield"})


@dataclass
class Worker:
    entry: EntryPoint
    fq: str  # the function holding the loop
    facts: ModuleFacts
    func: FunctionFacts
    loop: dict[str, Any]  # the block of the loop that keeps it alive
    unguarded: list[CallSite] = field(default_factory=list)  # awaits that end the loop when they raise
    supervised: str = ""  # why a failure does not go unnoticed ("" when nothing watches the task)
    sleeps: list[CallSite] = field(default_factory=list)
    waits: list[CallSite] = field(default_factory=list)  # awaits that wait for work (queue, event, sleep)
    guarded: list[CallSite] = field(default_factory=list)  # fallible awaits caught inside the loop
    notified: str = ""  # a done-callback the project's task starter adds: it hears of the end, restarts nothing

    def to_dict(self) -> dict[str, Any]:
        return {
            "worker": self.entry.name, "function": self.fq, "path": self.facts.path, "loop_line": self.loop["line"],
            "started_at": f"{self.entry.started_at[0]}:{self.entry.started_at[1]}" if self.entry.started_at else "",
            "at_startup": bool(self.entry.details.get("at_startup")),
            "unguarded_awaits": [s.line for s in self.unguarded], "supervised": self.supervised,
            "recovers": not self.unguarded or bool(self.supervised),
        }


def workers(model: "ProjectModel") -> list[Worker]:
    return model.memo("resilience.workers", lambda: [
        w for w in (_worker(model, e) for e in model.app.of_kind("worker")) if w is not None])


def scheduled_loops(model: "ProjectModel") -> list[Worker]:
    """Long-running loops handed to the project's own scheduler (`scheduler.add("listener",
    hub.run_listener)`, started by its `start()`): a job whose function keeps itself alive with a
    `while True` loop is a worker of its own, whatever restarts it from outside."""
    def build() -> list[Worker]:
        known = {w.fq for w in workers(model)}
        found = [_worker(model, entry) for entry in model.app.of_kind("job")
                 if entry.details.get("framework") == "in-process" and (entry.details.get("loop") or {}).get("forever")]
        return [w for w in found if w is not None and w.fq not in known]
    return model.memo("resilience.scheduled_loops", build)


def free_loops(model: "ProjectModel") -> list[Worker]:
    """Coroutines that keep themselves alive with a loop no success ends (`while True`, or
    `while not stop.is_set()` in a process's `main()`) but that no start the model resolves
    leads to (a runner calling `worker.run()` on the items of a list, a factory handed to a
    project helper, a script's `asyncio.run(main())`): a worker by its shape. Their entry has no
    start site, so only what the loop itself does can be judged, not who watches the task."""
    def build() -> list[Worker]:
        known = {w.fq for w in (*workers(model), *supervisors(model), *scheduled_loops(model))}
        found = []
        for fq, (facts, func) in model.functions.items():
            if fq in known or not func.is_async:
                continue
            loop = _serving_loop(func)
            if loop is None:
                continue
            entry = EntryPoint("worker", fq, facts.path, func.line, f"worker {fq.rsplit('.', 1)[-1]}")
            if not loop.get("forever"):  # name the loop: the keeping-loop default looks for `while True`
                entry.details["loop"] = {"function": fq, "line": loop["line"]}
            worker = _worker(model, entry)
            if worker is not None:
                found.append(worker)
        return found
    return model.memo("resilience.free_loops", build)


def _serving_loop(func: FunctionFacts) -> dict[str, Any] | None:
    """The loop that keeps the coroutine serving: a `while True` loop that no success leaves (not
    a retry-until-it-works loop), else a `while` loop only a flag set from outside ends (`while
    not stop.is_set():`, no `break` or `return` of its own, no local the body rebinds)."""
    loops = [loop for loop in blk.blocks(func, "loop") if not loop.get("ends_on_success")]
    return next((loop for loop in loops if loop.get("forever")), None) or next(iter(loops), None)


def supervisors(model: "ProjectModel") -> list[Worker]:
    """The restarting wrappers that workers run under (`supervise(name, factory)`), each read
    as a worker loop of its own: its loop is what keeps the supervised work going."""
    def build() -> list[Worker]:
        seen: dict[str, Worker] = {}
        for entry in model.app.of_kind("worker"):
            fq = entry.details.get("supervised_by", "")
            if fq and fq not in seen and fq in model.functions:
                found = _worker(model, entry, fq)
                serving = _serving_loop(model.functions[fq][1]) if found is None else None
                if serving is not None:  # `while not stop.is_set():` keeps the wrapper going just the same
                    found = _worker(model, entry, fq, serving["line"])
                if found is not None:
                    seen[fq] = found
        return list(seen.values())
    return model.memo("resilience.supervisors", build)


def _worker(model: "ProjectModel", entry: EntryPoint, function: str = "", loop_line: int = 0) -> Worker | None:
    loop_info = ({"function": function, "line": loop_line} if loop_line else {}) if function \
        else (entry.details.get("loop") or {})
    fq = function or loop_info.get("function") or entry.function
    if fq not in model.functions:
        return None
    facts, func = model.functions[fq]
    loop = _keeping_loop(func, loop_info.get("line", 0))
    if loop is None or not _long_lived(entry, func, loop, loop_info):
        return None  # a one-shot task that happens to loop over its input is not a worker loop
    worker = Worker(entry, fq, facts, func, loop)
    for site in [*blk.calls_in(func, loop["line"], loop["end"]), *_iterated_attribute(func, loop)]:
        _sort_site(model, worker, site)
    worker.supervised = _supervision(model, _as_supervisor(entry) if function else entry) or \
        teardown(model, facts, func, loop) or ("" if function else _request_scoped(model, worker)) or \
        _restarted_when_done(model, entry) or _restarting_starter(model, entry)
    worker.notified = _starter_callback(model, entry) or (
        "" if worker.supervised else _done_callback(model, entry.details.get("started_in", ""), restarting=False))
    return worker


def _restarted_when_done(model: "ProjectModel", entry: EntryPoint) -> str:
    """The code that starts the task starts it again once the last one has ended (`if not
    self._watch or self._watch.done(): self._watch = asyncio.create_task(...)`) and is not a
    one-time start (`start`, `setup`, `__aenter__`): it runs again with the work it serves (each
    frame received), so a failure costs the worker until the next call, not for good."""
    started, starter = entry.started_at, entry.details.get("started_in")
    if not started or starter not in model.functions:
        return ""
    func = model.functions[starter][1]
    if func.name in ONE_TIME_STARTS:
        return ""
    held = func.names_bound_on(started[1]) | {
        store["target"] for store in func.extra.get("stores", ())
        if store["line"] == started[1] and store["kind"] == "set" and not store["item"]}
    done = {f"{name}.done" for name in held}
    tested = any(block["line"] <= started[1] <= block["end"] and any(call[0] in done for call in block.get("calls", ()))
                 for block in blk.blocks(func, "if"))
    return f"started again by `{func.name}` once the last run has ended" if tested else ""


_RESTARTS = frozenset({"create_task", "ensure_future"})


def _restarting_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """The project function that starts the task (`_supervise(app, "relay", factory)`) adds a
    done-callback that starts it again: the callback calls that function once more, or creates a
    task itself (`def _restart(t): ...; _supervise(app, name, factory)`). Callbacks that only log,
    count or forget the task restart nothing and are not this."""
    starter = entry.details.get("starter", "")
    if starter not in model.functions:
        return ""
    facts, func = model.functions[starter]
    for site in func.calls:
        callback = site.args[0] if site.func and site.func[-1] in _SUPERVISION and site.args else None
        ref = callback.get("ref", "") if isinstance(callback, dict) else ""
        target = resolved_name(model, facts, func, ref) if ref else ""
        if target in model.functions and any(
                edge.target.name == starter or edge.site.func and edge.site.func[-1] in _RESTARTS
                for edge in model.edges.get(target, ())):
            return f"restarted by the done-callback `{ref}` that `{starter.rsplit('.', 1)[-1]}` adds"
    return ""


def _iterated_attribute(func: FunctionFacts, loop: dict[str, Any]) -> list[CallSite]:
    """`async for message in client.messages:`: the loop awaits each item from an attribute, not a
    call, so the facts keep no call site for it; yet it fails as `pubsub.listen()` does when the
    connection under it drops. A stand-in call site of that name at the loop's head (used only
    here, never in the call graph) lets it be filed like the call."""
    ref = dict(async_iterated(func)).get(loop["line"])
    if ref is None:
        return []
    return [CallSite(tuple(ref.split(".")), loop["line"], loop["line"], 0, awaited=True, loop_line=loop["line"],
                     loop_iter=ref, used_as="async-for")]


_TAKES = frozenset({"get", "join"})


def _queue_take_elsewhere(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> bool:
    """`await thread.submit(create_call(self._queue.get)).aresult()`, `await to_thread(q.get)`: the
    awaited call runs a queue's `get` handed over as a callable (in a thread): the loop waits for
    the next item, like `await queue.get()`."""
    for other in func.calls:
        if not site.line <= other.line <= site.end_line:
            continue
        for arg in other.args:
            ref = arg.get("ref") if isinstance(arg, dict) else None
            head, _, method = ref.rpartition(".") if isinstance(ref, str) else ("", "", "")
            found = model.resolver.type_of_chain(facts, func, tuple(head.split("."))) if head and method in _TAKES \
                else None
            if found and found[1].rsplit(".", 1)[-1].endswith("Queue"):
                return True
    return False


def _long_lived(entry: EntryPoint, func: FunctionFacts, loop: dict[str, Any], loop_info: dict[str, Any]) -> bool:
    """The loop keeps the task going: a `while` loop, a task started at startup, or the
    subscription the entry's loop consumes."""
    return bool(_while_loop(func, loop) and not _drains(func, loop) or entry.details.get("at_startup")
                or _subscription(loop_info) and loop["line"] == loop_info.get("line"))


def _drains(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`while True: await anext(it)` until `StopAsyncIteration`: an `async for` over an iterator
    the task was given, which ends with it; once an async generator raises, it is finished too,
    so no handler in the loop could keep it going."""
    calls = [site for site in blk.calls_in(func, loop["line"], loop["end"]) if site.func]
    return bool(calls) and all(site.func[-1] in ("anext", "__anext__") for site in calls)


def _sort_site(model: "ProjectModel", worker: Worker, site: CallSite) -> None:
    """File a call inside the worker's loop: a sleep, a wait that pauses the loop, or work whose
    failure a handler in the loop catches (guarded) or lets end the loop (unguarded)."""
    facts, func, loop = worker.facts, worker.func, worker.loop
    name = resolved_name(model, facts, func, site.name)
    if name in SLEEPS:
        worker.sleeps.append(site)
    if not _awaited(site):
        if not func.is_async and name in _THREAD_PAUSES:
            worker.waits.append(site)  # a thread's loop pausing on `time.sleep` or `stop.wait(timeout)`
        return
    pause = _pauses(model, worker, site, name)
    if pause or site.used_as == "async-for" or _blocking_read(model, name, site):
        worker.waits.append(site)
        if pause:
            return
    if _not_loop_work(model, worker, site):
        return
    if _guarded(func, site.line, loop, _uncaught_io(model, worker.fq, site)):
        worker.guarded.append(site)
    else:
        worker.unguarded.append(site)


def _pauses(model: "ProjectModel", worker: Worker, site: CallSite, name: str) -> bool:
    """An awaited call that is the loop's pause, not work: a known wait, one bounded by a timeout, a
    project helper that only pauses, a take from a queue another task fills, or a bare event wait."""
    facts, func = worker.facts, worker.func
    return bool(name in SAFE_WAITS or _bounded_wait(model, facts, func, site, name) or _pause_helper(model, name)
                or _queue_take_elsewhere(model, facts, func, site) or _bare_wait(model, worker.fq, site))


def _not_loop_work(model: "ProjectModel", worker: Worker, site: CallSite) -> bool:
    """A call whose failure says nothing about the loop's round: inside a function defined in the
    loop, in its recovery or last round, on the connection the loop tests, or best effort."""
    func, loop = worker.func, worker.loop
    return bool(_inner_function_call(site) or _in_recovery(func, site.line, loop) or _last_round(func, site.line, loop)
                or on_connection(site, tested_connection(func, loop)) or _best_effort(model, worker.fq, site)
                or _returned_by_gather(model, worker, site))


def _returned_by_gather(model: "ProjectModel", worker: Worker, site: CallSite) -> bool:
    """A coroutine handed to `asyncio.gather(..., return_exceptions=True)`: its failure comes back
    as an item of the result list, it does not raise out of the loop."""
    facts, func = worker.facts, worker.func
    return any(other is not site and other.line <= site.line <= other.end_line
               and other.kwargs.get("return_exceptions") is True
               and resolved_name(model, facts, func, other.name) == "asyncio.gather"
               for other in func.calls)


def _bare_wait(model: "ProjectModel", fq: str, site: CallSite) -> bool:
    """`await self._ready.wait()` on a receiver whose type the resolver does not know (or knows
    only as a class of a library that does no I/O the worker could fail on): a `wait()` with no
    argument is how an event, a condition or a child process is waited for; it pauses the loop
    until something happens and does not fail the way a request does."""
    if not site.func or site.func[-1] != "wait" or site.args or site.kwargs or len(site.func) < 2:
        return False
    edge = model.edge_of(fq, site)
    if edge is None or edge.target.kind not in ("unresolved", "external"):
        return False
    return edge.target.kind == "unresolved" or edge.target.name.split(".", 1)[0] not in IO_LIBRARIES


def _best_effort(model: "ProjectModel", fq: str, site: CallSite) -> bool:
    """The call runs a project function that catches and ends its own failures: every call of
    it that can fail on I/O sits in a try that ends any `Exception` (a flush that drains an
    in-memory queue and logs before its guarded write)."""
    return _contains_io_failures(model, _called_function(model, fq, site))


def _contains_io_failures(model: "ProjectModel", target: str, depth: int = 0) -> bool:
    if target not in model.functions:
        return False
    by_site = {id(e.site): e for e in model.edges.get(target, ())}
    return blk.contains_failures(model.functions[target][1],
                                 lambda call: _may_fail_on_io(model, by_site.get(id(call)), depth))


# in-process calls: a log line, an asyncio queue, lock or event, a container or builtin, a clock
# reading, a metric updated in memory (a Prometheus counter, gauge or histogram; a push to a
# gateway is network I/O and is not listed)
_IN_PROCESS = ("logging.", "loguru.", "asyncio.Queue.", "asyncio.PriorityQueue.", "asyncio.LifoQueue.",
               "asyncio.Lock.", "asyncio.Event.", "asyncio.Condition.", "asyncio.Semaphore.", "typing.",
               "collections.", "time.", "prometheus_client.Counter.", "prometheus_client.Gauge.",
               "prometheus_client.Histogram.", "prometheus_client.Summary.", "prometheus_client.Info.",
               "prometheus_client.Enum.")


def _may_fail_on_io(model: "ProjectModel", edge, depth: int = 0) -> bool:
    """A call that can fail the way a worker's loop dies of (a dropped connection, a timeout):
    anything but a builtin, an in-process stdlib call, or a project function (two levels down)
    whose own calls are such, or are caught the same way. Unresolved calls may."""
    if edge is None:
        return True
    if edge.target.kind == "unresolved":
        return not _chained_in_process(model, edge)
    if edge.target.kind == "builtin":
        return False
    if edge.target.kind == "external":
        return not edge.target.name.startswith(_IN_PROCESS)
    target = model.callee_function(edge.target)
    if not target and edge.target.kind == "class" and edge.target.name in model.classes:
        return False  # a project class with no `__init__` of its own (a dataclass, an event record): in-process
    if not target or target not in model.functions or depth >= 2:
        return True
    return not _contains_io_failures(model, target, depth + 1) and any(
        _may_fail_on_io(model, inner, depth + 1) for inner in model.edges.get(target, ()))


def _chained_in_process(model: "ProjectModel", edge) -> bool:
    """`GAUGE.labels(queue=name).set(size)`: a method called on what an in-process call returned
    (the resolver knows `labels` but not the type it returns) stays in process with it."""
    origin = edge.site.callee_is_call
    return bool(origin) and any(
        other.site.line == edge.site.line and other.site.name == origin and other.target.kind == "external"
        and other.target.name.startswith(_IN_PROCESS) for other in model.edges.get(edge.caller, ()))


def _called_function(model: "ProjectModel", fq: str, site: CallSite) -> str:
    """The project function the call at `site` of `fq` runs ("" when none, and for a class)."""
    edge = model.edge_of(fq, site)
    return edge.target.name if edge is not None and edge.target.kind == "function" else ""


def _guarded(func: FunctionFacts, line: int, loop: dict[str, Any], missed=lambda handlers: False) -> bool:
    """A try inside the loop around `line` with a handler that can catch a failure of the call
    (`except (KeyError, ValueError): continue` skips bad input and lets every I/O error end the loop;
    `except aiohttp.ClientError` around a call that also queries the database lets its errors out:
    `missed(handlers)` says so)."""
    for block in blk.enclosing(func, line, "try"):
        if not block.get("handled") or not loop["line"] <= block["line"] <= loop["end"]:
            continue
        handlers = blk.handlers_of(func, block["line"])
        if not handlers or any(not h.get("types") or not set(h["types"]) <= DATA_ERRORS for h in handlers) \
                and not missed(handlers):
            return True
    return _suppressed(func, line, loop)


def _suppressed(func: FunctionFacts, line: int, loop: dict[str, Any]) -> bool:
    """`with contextlib.suppress(Exception): await crawler.close()` inside the loop: the context
    manager swallows what the call raises (unless it only names malformed-data errors), like a
    `try` whose handler passes."""
    for block in blk.enclosing(func, line, "with"):
        if not loop["line"] <= block["line"] <= loop["end"]:
            continue
        caught = [last_name(t) for t in blk.suppressed_types(func, block)]
        if caught and not set(caught) <= DATA_ERRORS:
            return True
    return False



def _uncaught_io(model: "ProjectModel", fq: str, site: CallSite):
    """For a call of a project function: given a try's handlers, whether the call reaches I/O of
    a library none of them catches (nor a handler on the way down)."""
    target = _called_function(model, fq, site)
    libraries = sorted(lib for lib, reaching in _io_reach(model).items() if target in reaching)
    facts, func = model.functions[fq]

    def missed(handlers: list) -> bool:
        typed = all(h.get("types") for h in handlers)
        return typed and any(not _catches_any(model, facts, func, handlers, lib) for lib in libraries)
    return missed


def _io_reach(model: "ProjectModel") -> dict[str, dict[str, list]]:
    """Per I/O library, the functions whose calls reach one of its awaited operations with no
    handler for its errors on the way."""
    def build() -> dict[str, dict[str, list]]:
        seeds: dict[str, dict[str, None]] = {}
        for fq, edges in model.edges.items():
            for edge in edges:
                root = edge.target.name.split(".", 1)[0] if edge.target.kind == "external" else ""
                if root in IO_LIBRARIES and _awaited(edge.site) and not _caught_at(model, edge, root):
                    seeds.setdefault(root, {})[fq] = None
        return {lib: model.reach(found, lambda e, lib=lib: not _caught_at(model, e, lib))
                for lib, found in seeds.items()}
    return model.memo("resilience.io_reach", build)


def _awaited(site: CallSite) -> bool:
    return site.awaited or site.used_as in ("await", "async-with", "async-for")


def _caught_at(model: "ProjectModel", edge, library: str) -> bool:
    from . import analysis  # the package builds on this module
    from .calls import catching_handlers
    facts, func = model.functions[edge.caller]
    return next(catching_handlers(analysis(model).tracer, facts, func, edge.site.line, library), None) is not None


def _catches_any(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, handlers: list, library: str) -> bool:
    from . import analysis  # the package builds on this module
    from .calls import catches
    tracer = analysis(model).tracer
    return any(catches(tracer, facts, func, h.get("types") or [], library) for h in handlers)


def _starter_callback(model: "ProjectModel", entry: EntryPoint) -> str:
    """The done-callback a project wrapper (`registry.spawn(coro)`) adds to every task it starts."""
    starter = entry.details.get("starter", "")
    return _done_callback(model, starter) or _done_callback(model, starter, restarting=False)


def _in_recovery(func: FunctionFacts, line: int, loop: dict[str, Any]) -> bool:
    """An await in an `except` of a try inside the loop (the back-off sleep), or in the
    `finally` of one that catches (closing the failed subscription), is the loop's recovery
    path: the loop already catches per round."""
    if any(loop["line"] <= b["try_line"] <= loop["end"] for b in blk.enclosing(func, line, "except")):
        return True
    return any(loop["line"] <= b["try_line"] <= loop["end"] and blk.handlers_of(func, b["try_line"])
               for b in blk.enclosing(func, line, "finally"))


def _last_round(func: FunctionFacts, line: int, loop: dict[str, Any]) -> bool:
    """An await in an `if` body inside the loop that ends in `return` or `raise` (`if idle:
    await self.callback(); return`): the round that runs it is the task's last either way, so
    its failure costs the worker nothing more than its own exit does. `enclosing` gives the ifs
    holding `line`, and `line` is in the loop, so one starting after the loop's head is inside it."""
    return any(loop["line"] < b["line"] < line and (not b.get("else_line") or line < b["else_line"])
               and b.get("exits") for b in blk.enclosing(func, line, "if"))  # the test itself runs every round


def _bounded_wait(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite, name: str) -> bool:
    """`await asyncio.wait_for(self._stop.wait(), timeout=interval)`: a pause that a stop
    signal can cut short."""
    if name not in _WAIT_WRAPPERS or not site.args or not isinstance(site.args[0], dict):
        return False
    inner = site.args[0].get("call", "")
    target = resolved_name(model, facts, func, inner) if inner else ""
    return bool(inner) and (target in SAFE_WAITS or _only_waits(model, target))


def _only_waits(model: "ProjectModel", name: str) -> bool:
    """A project coroutine whose every await is a known wait (`async def fill(): while ...:
    batch.append(await queue.get())`): under `wait_for(fill(), timeout)` it is a bounded take
    from a queue, the loop's pause."""
    facts, callee, awaited = _awaited_sites(model, name)
    return bool(awaited) and all(resolved_name(model, facts, callee, s.name) in SAFE_WAITS for s in awaited)


def _awaited_sites(model: "ProjectModel", name: str) \
        -> tuple[ModuleFacts | None, FunctionFacts | None, list[CallSite]]:
    """A project function's module, facts and the calls it awaits (none when `name` is not a
    project function): what a helper awaited in a loop can itself wait on or fail at."""
    if name not in model.functions:
        return None, None, []
    facts, callee = model.functions[name]
    return facts, callee, [s for s in callee.calls if s.awaited or s.used_as == "await"]


def _as_supervisor(entry: EntryPoint) -> EntryPoint:
    """The supervised task's entry seen from its supervisor: the restarts are the supervisor's
    own work, nothing restarts the supervisor when its loop fails."""
    return replace(entry, details={k: v for k, v in entry.details.items() if k != "supervised_by"})


def _pause_helper(model: "ProjectModel", name: str) -> bool:
    """A project function that only pauses (`await sleep_or_stop(stop, backoff)`: a sleep, or a
    wait on an event bounded by a timeout it catches): awaiting it cannot fail any more than a
    sleep can. (A helper handing out the next item of a queue is left to the loop's reading.)"""
    facts, callee, awaited = _awaited_sites(model, name)
    bounded = [s for s in awaited if _pause_site(model, facts, callee, s)]
    bounded_ids = {id(s) for s in bounded}
    return bool(awaited) and all(id(s) in bounded_ids or any(b.line <= s.line <= b.end_line for b in bounded)
                                 for s in awaited)


def _blocking_read(model: "ProjectModel", name: str, site: CallSite) -> bool:
    """The await blocks until new work arrives: a blocking Redis read (`xreadgroup(...,
    block=5000)`, `brpop`), itself or in the project helper it calls (`await self.read_batch()`).
    Going round to it after a later step failed waits for the next item, so it paces the loop;
    it is still sorted as a call that can fail (a read that fails at once is no pause)."""
    if _reads_blocking(site):
        return True
    callee = model.functions.get(name)
    return callee is not None and any(_reads_blocking(s) for s in callee[1].calls if s.awaited)


def _reads_blocking(site: CallSite) -> bool:
    method = site.func[-1] if site.func else ""
    return method in BLOCKING_POPS or method in BLOCKING_STREAM_READS and site.kwargs.get("block") is not None


def _pause_site(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> bool:
    """A sleep, or a bounded wait (the event waited on is inside it) whose timeout is caught."""
    name = resolved_name(model, facts, func, site.name)
    return name in SLEEPS or (_bounded_wait(model, facts, func, site, name) and _timeout_caught(func, site.line))


def _timeout_caught(func: FunctionFacts, line: int) -> bool:
    """The timeout a bounded wait ends with is caught around it (the pause simply ends)."""
    return any(last_name(str(t)) == "TimeoutError" for b in blk.enclosing(func, line, "try")
               for h in blk.handlers_of(func, b["line"]) for t in h.get("types") or ())


def _subscription(loop_info: dict[str, Any]) -> bool:
    """The task consumes a subscription (`async for m in pubsub.listen():`): it lives as long as the
    stream does, like a `while True` worker, whoever started it (a socket's `iter_text()` as well:
    a stream that delivers for as long as it lives, not a response read to its end)."""
    return str(loop_info.get("stream", "")).rsplit(".", 1)[-1] in MESSAGE_STREAM_ITERATORS


def _keeping_loop(func: FunctionFacts, line: int) -> dict[str, Any] | None:
    loops = list(blk.blocks(func, "loop"))
    for loop in loops:
        if loop["line"] == line:
            return loop
    found = next((loop for loop in loops if loop.get("forever")), None)
    return found or next((loop for loop in loops if _counting_loop(func, loop)), None)


def _counting_loop(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`for restart in itertools.count():` never ends on its own, like `while True`."""
    info = func.extra.get("loops", {}).get(loop["line"], {})
    return info.get("kind") == "for" and endless_loop(info)


def _inner_function_call(site: CallSite) -> bool:
    return bool(site.func and site.func[0] == "()")


def _supervision(model: "ProjectModel", entry: EntryPoint) -> str:
    """A done-callback on the task, a starter that restarts what it runs, or one that waits
    for the task itself."""
    if entry.details.get("supervised_by"):
        return f"restarted by `{entry.details['supervised_by'].rsplit('.', 1)[-1]}`"
    if entry.details.get("script"):  # `asyncio.run(main())` raises what ends the loop: the process exits with it
        return f"run by `{entry.details.get('starter', 'asyncio.run')}`: a failure ends the process, visibly"
    waited = _waited_by_starter(model, entry) or _in_task_group(model, entry) or _scoped_to_starter(model, entry)
    if waited:
        return waited
    spawners = [entry.details.get("started_in", "")]
    loop_fq = (entry.details.get("loop") or {}).get("function", "")
    if loop_fq and loop_fq != entry.function:  # the loop runs in a task the worker starts itself
        spawners += sorted({edge.caller for edge in model.callers.get(loop_fq, ())})
    return next((found for fq in spawners if (found := _done_callback(model, fq))), "")


def _waited_by_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """`tasks = [create_task(pump()), ...]; await asyncio.wait(tasks, ...)`: the function that
    starts the task holds it and awaits its end while it runs, so a failure ends the wait and is
    acted on there."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started:
        return ""
    facts, func = model.functions[scope]
    bindings = _bindings(func)
    held = {name for name, value in bindings if _holds_task(value, started[1])}
    held |= {name for name, value in bindings if _holds_names(value, held)}  # `tasks = {a, b}`
    held |= _comprehension_of_starts(func, bindings, started[1])
    held |= _collected_starts(func, started[1])
    # a wait after `task.cancel()` only collects the cancelled task (`cancel(); await gather(task)`)
    cancelled = min((s.line for s in func.calls if s.func and s.func[-1] == "cancel" and s.line > started[1]),
                    default=func.end_line + 1)
    for site in func.calls:
        if site.awaited and site.line < cancelled and \
                any(_names_task(arg, held) for arg in (*site.args, *site.star_values)) and \
                resolved_name(model, facts, func, site.name) in _TASK_WAITS:
            return f"awaited with `{site.name}` in {scope.rsplit('.', 1)[-1]} (line {site.line})"
    return _handed_back(model, (facts, func), held, started[1], scope)


def _comprehension_of_starts(func: FunctionFacts, bindings: list[tuple[str, Any]], started: int) -> set[str]:
    """`workers = [create_task(worker()) for _ in range(n)]`: the list the comprehension around
    the start builds (the local bound to a comprehension over the same iterable) holds every task
    it starts."""
    loops = func.extra.get("loops", {})
    comps = [loops[s.loop_line] for s in func.calls if s.line == started and s.loop_line in loops
             and loops[s.loop_line].get("kind") == "comp"]
    return {name for name, value in bindings if isinstance(value, dict)
            and value.get("literal") in ("listcomp", "setcomp")
            and any(value.get("over") == comp.get("iter") for comp in comps)}


def _collected_starts(func: FunctionFacts, started: int) -> set[str]:
    """`tasks.append(asyncio.create_task(one()))`: the local collection the start is added to on
    its own line holds every task started there (then `await asyncio.gather(*tasks)`)."""
    return {site.func[0] for site in func.calls if site.line == started and site.func and len(site.func) == 2
            and site.func[-1] in ("append", "add") and site.func[0] in func.local_types}


def _bindings(func: FunctionFacts) -> list[tuple[str, Any]]:
    """Each local with what it is bound to: the first binding, and later ones that hold items
    (`tasks: list[Task] = []`, then `tasks = [create_task(a()), ...]` in the reconnect loop)."""
    later = [(name, value) for name, values in func.extra.get("rebound_items", {}).items() for value in values]
    return [*func.local_types.items(), *later]


def _names_task(arg: Any, held: set[str]) -> bool:
    """An argument of a wait naming a held task: `tasks`, or `[public_task, market_task]`."""
    return isinstance(arg, dict) and (arg.get("ref") in held or _holds_names(arg, held))


def _scoped_to_starter(model: "ProjectModel", entry: EntryPoint) -> str:
    """`self._ping = create_task(ping(ws))` ... `finally: self._ping.cancel()`: the starter cancels
    the task when the run it serves ends and starts a new one with the next run (the start is in
    its reconnect loop, or the starter serves the connection it hands the task), so the task
    lives for one connection: its end is not the end of the work."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started or model.functions[scope][1].has_yield:
        return ""  # a lifespan cancels its tasks at shutdown: they live for the process
    func = model.functions[scope][1]
    held = _held_at(func, started[1])
    for site in func.calls:
        if site.func and site.func[-1] == "cancel" and ".".join(site.func[:-1]) in held and \
                site.line > started[1] and \
                _per_run(func, started[1], site.line, closure=entry.function.startswith(scope + ".")):
            return f"cancelled with the run that starts it, in the `finally` of {scope.rsplit('.', 1)[-1]} " \
                   f"(line {site.line})"
    return ""


def _held_at(func: FunctionFacts, started: int) -> set[str]:
    """The names (locals, `self.` attributes) holding the task started at line `started`."""
    return func.names_bound_on(started) | {
        f"self.{attr}" for attr, value in func.self_attrs.items() if _holds_task(value, started)}


def _request_scoped(model: "ProjectModel", worker: Worker) -> str:
    """A task started for one request or socket (`sender = create_task(self._push())` in a websocket
    handler's method, a disconnect watcher or a heartbeat closure in an SSE stream) and cancelled
    however the request ends (in its `finally`, or in the handler of the cancellation a disconnect
    raises; by `task.cancel()` or a cancelling helper), whose loop's end is expected or acted on:
    it catches broadly around the loop (the failure is logged where it happens, not left in the
    Task) or only reads the connection it serves (which fails when the client goes). It lives as
    long as the connection, whose end ends the work anyway; nothing long-lived stops with it."""
    entry = worker.entry
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started or not _serves_one_request(model, scope) or \
            not _end_expected(model, worker):
        return ""
    func = model.functions[scope][1]
    held = _held_at(func, started[1])
    for site in func.calls:
        where = _on_request_end(func, site.line) if site.line > started[1] and _cancels(model, scope, site, held) \
            else ""
        if where:
            return f"cancelled when the request it serves ends, in {where} of {scope.rsplit('.', 1)[-1]} " \
                   f"(line {site.line})"
    return ""


def _cancels(model: "ProjectModel", scope: str, site: CallSite, held: set[str]) -> bool:
    """The call in `scope` cancels a held task: `task.cancel()`, or the task handed to a helper that
    cancels it (a project function calling `.cancel()` on that parameter, or a library one named
    for it: `await cancel_and_wait(task)`)."""
    if not site.func:
        return False
    if site.func[-1] == "cancel":
        return ".".join(site.func[:-1]) in held
    position = next((n for n, arg in enumerate(site.args) if isinstance(arg, dict) and arg.get("ref") in held), -1)
    if position < 0:
        return False
    edge = model.edge_of(scope, site)
    helper = model.callee_function(edge.target) if edge is not None else ""  # a class runs its `__init__`
    if helper in model.functions:
        params = positional_params(model.functions[helper][1])
        return position < len(params) and any(
            call.func == (params[position], "cancel") for call in model.functions[helper][1].calls)
    return site.func[-1].lstrip("_").startswith("cancel")


def _on_request_end(func: FunctionFacts, line: int) -> str:
    """Where `line` runs however the request ends ("" when it does not): a `finally`, or a handler of
    the cancellation a client's disconnect raises into its stream (`except BaseException: ...;
    task.cancel(); raise`)."""
    if blk.enclosing(func, line, "finally"):
        return "the `finally`"
    caught = next((h for h in blk.enclosing(func, line, "except") if not h.get("types")
                   or any(last_name(t) in CATCHES_CANCELLATION for t in h["types"])), None)
    return f"the `except {', '.join(caught.get('types') or ['...'])}` handler" if caught else ""


def _end_expected(model: "ProjectModel", worker: Worker) -> bool:
    """The worker's loop sits in a `try` of its own whose handler catches broadly, or every await
    that can end it reads the connection (`receive_text()`, the ASGI `receive`) or hands an item to
    a queue of unknown type (`await queue.put(ping)`, the queue looked up per client)."""
    func, loop = worker.func, worker.loop
    for block in blk.enclosing(func, loop["line"], "try"):
        handlers = blk.handlers_of(func, block["line"])
        if block["end"] >= loop["end"] and any(is_broad(h.get("types") or []) for h in handlers):
            return True
    unresolved = {id(e.site) for e in model.edges.get(worker.fq, ()) if e.target.kind == "unresolved"}
    return all(s.func and (s.func[-1].lstrip("_") in RECEIVES or id(s) in unresolved and _queue_put(s))
               for s in worker.unguarded)


def _queue_put(site: CallSite) -> bool:
    """`queue.put(item)` on a local: an in-process queue's put (asyncio's, unbounded) fails on
    nothing; a broker's client would resolve to the library or class that sends."""
    return bool(site.func) and len(site.func) == 2 and site.func[-1] in QUEUE_PUTS


def _serves_one_request(model: "ProjectModel", fq: str) -> bool:
    """The function runs for one request or connection, called straight from its endpoint (a
    websocket handler's method, an SSE stream generator), not through a queue that outlives the
    request: a task it starts and cancels in its `finally` lives as long as that one connection."""
    entry = request_entry(model).get(fq)
    return entry is not None and request_driven(model).get(fq) == entry.name


def _per_run(func: FunctionFacts, started: int, cancel: int, closure: bool = False) -> bool:
    """The cancel at line `cancel` is in a `finally` that ends each run of the task started at
    `started`: one inside the loop around the start, or, outside a loop, in a function handing
    the task a connection it was given (`create_task(ping(ws))`, `ws` a parameter) or running a
    task it defines itself for this call and awaits after the cancel (`closure`: a stop-check
    beside one completion call; `await task` re-raises the task's failure into the call)."""
    finals = blk.enclosing(func, cancel, "finally")
    loops = blk.enclosing(func, started, "loop")
    if loops:
        return any(loops[-1]["line"] <= block["try_line"] <= loops[-1]["end"] for block in finals)
    given = [{"ref": p.name} for p in func.params if p.name not in ("self", "cls")]
    awaited = closure and any(cancel < line <= block["end"] for block in finals
                              for line in func.extra.get("bare_awaits", ()))
    return bool(finals) and (awaited or any(site.line == started and any(arg in given for arg in site.args)
                                            for site in func.calls))


def _handed_back(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], held: set[str], started: int,
                 scope: str) -> str:
    """`loops = [create_task(pump(ch)), ...]; return channel, loops`: the starter returns the task to
    its caller, which holds it and decides when it ends (awaits or cancels it); also inside the
    object it returns (`return Execution(events=stream(), final_task=task)`)."""
    func = where[1]
    for value, line in zip(func.returns_values, func.extra.get("return_lines", ())):
        items = value.get("items", ()) if isinstance(value, dict) and "literal" in value else (value,)
        items = (*items, *_built_with(model, where, value))
        if any(isinstance(item, dict) and (item.get("ref") in held or "call" in item and item.get("line") == started)
               for item in items):
            return f"returned to the caller of {scope.rsplit('.', 1)[-1]} (line {line})"
    return ""


def _built_with(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], value: Any) -> tuple[Any, ...]:
    """The arguments of a returned object's construction (`Execution(final_task=task)`): what the
    object holds for the caller."""
    func = where[1]
    if not isinstance(value, dict) or not _constructs(model, where, str(value.get("call", ""))):
        return ()
    site = next((s for s in func.calls if s.line == value.get("line") and ".".join(s.func) == value["call"]), None)
    return (*site.args, *site.kwargs.values()) if site is not None else ()


def _constructs(model: "ProjectModel", where: tuple[ModuleFacts, FunctionFacts], call: str) -> bool:
    """The call builds an object: it resolves to a project class, or to a library name whose last
    part is a class's (capitalised); a function returning one is not known to hold its arguments."""
    found = model.resolver.type_of_chain(*where, tuple(call.split("."))) if call else None
    if found is None:
        return False
    return found[0] == "class" or found[0] == "ext" and found[1].rsplit(".", 1)[-1][:1].isupper()


def _holds_names(value: Any, names: set[str]) -> bool:
    """A list/tuple/set literal holding one of the task locals (`tasks = {send_task, receive_task}`)."""
    return isinstance(value, dict) and value.get("literal") in ("list", "tuple", "set") and any(
        isinstance(item, dict) and item.get("ref") in names for item in value.get("items", ()))


def _in_task_group(model: "ProjectModel", entry: EntryPoint) -> str:
    """`async with anyio.create_task_group() as tg: tg.start_soon(loop)`: the group waits for its
    tasks and re-raises a failure in the code that opened it, so the task is watched. A task
    spawned into a group object (`self.group.spawn(loop())`, aiorpcx's or a project subclass) is
    kept by that group the same way."""
    scope, started = entry.details.get("started_in", ""), entry.started_at
    if scope not in model.functions or not started:
        return ""
    spawned = next((found for site in model.functions[scope][1].calls if site.line == started[1]
                    if (found := started_in_group(model, scope, site))), "")
    if spawned:  # `self.group.spawn(loop())`: the group keeps the task and raises its failure where joined
        return f"spawned into the task group `{spawned}`, which keeps it and raises its failure where it is joined"
    group = next((b for b in blk.enclosing(model.functions[scope][1], started[1], "with")
                  if b.get("is_async") and str(b.get("expr", "")).rsplit(".", 1)[-1] in GROUP_OPENER_NAMES), None)
    return f"run in the task group opened at line {group['line']} of {scope.rsplit('.', 1)[-1]}" if group else ""


def _holds_task(value: Any, line: int) -> bool:
    """A local bound to the task started at `line`, or to a list/tuple literal holding it."""
    if not isinstance(value, dict):
        return False
    if "call" in value:
        return value.get("line") == line
    return value.get("literal") in ("list", "tuple", "set") and any(
        isinstance(item, dict) and "call" in item and item.get("line") == line for item in value.get("items", ()))


def _done_callback(model: "ProjectModel", fq: str, restarting: bool = True) -> str:
    """Where function `fq` adds a done-callback that watches the task (not mere bookkeeping):
    with `restarting`, one that can act on the end; else one that only logs it."""
    if fq not in model.functions:
        return ""
    facts, func = model.functions[fq]
    site = next((s for s in func.calls if s.func and s.func[-1] in _SUPERVISION and not _bookkeeping(s)
                 and _reports_only(model, facts, func, s) != restarting), None)
    return f"`{site.name}` in {fq.rsplit('.', 1)[-1]} (line {site.line})" if site else ""


# what a callback that only reports a task's end calls: the task's accessors, logging, set bookkeeping
_TASK_ACCESSORS = frozenset({"cancelled", "exception", "get_name", "result", "done", "get_coro", *_BOOKKEEPING})


def _reports_only(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> bool:
    """`task.add_done_callback(_log_exit)` where `_log_exit` only reads the task and logs its error:
    the failure is heard of once the task has ended, and nothing starts the work again."""
    callback = site.args[0] if site.args else None
    ref = callback.get("ref", "") if isinstance(callback, dict) else ""
    target = resolved_name(model, facts, func, ref) if ref else ""
    if target not in model.functions:
        return False
    calls = [c for c in model.functions[target][1].calls if c.func]
    return bool(calls) and all(c.func[-1] in _TASK_ACCESSORS or c.func[-1] in LOG_METHODS for c in calls)


def _bookkeeping(site: CallSite) -> bool:
    """`task.add_done_callback(self._tasks.discard)`: the task leaves a set, nobody hears of its error."""
    callback = site.args[0] if site.args else None
    ref = callback.get("ref", "") if isinstance(callback, dict) else ""
    return ref.rsplit(".", 1)[-1] in _BOOKKEEPING and "." in ref


def _while_loop(func: FunctionFacts, loop: dict[str, Any]) -> bool:
    """`while True` or `while <running flag>`: a loop meant to run until stopped (a drain that
    leaves once its buffer is empty is not, nor one that leaves after each pass unless a flag it
    clears asks for another)."""
    info = func.extra.get("loops", {}).get(loop["line"], {})
    if info.get("drains") or info.get("rerun"):
        return False
    return bool(loop.get("forever")) or endless_loop(info)
