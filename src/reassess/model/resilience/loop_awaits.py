"""The awaits inside a worker's loop, sorted: a pause (a sleep, a wait for the next item, a bounded
wait a stop signal cuts short), work whose failure a handler in the loop catches, or work whose
failure ends the loop. What a call can fail on follows the call graph (I/O two levels down)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge.clients import IO_LIBRARIES
from ...knowledge.exceptions import DATA_ERRORS, last_name
from ...knowledge.queues import BLOCKING_POPS, BLOCKING_STREAM_READS
from ...knowledge.retry import SLEEPS
from . import blocks as blk
from .connections import on_connection, tested_connection
from .guards import resolved_name

if TYPE_CHECKING:
    from ..project import ProjectModel
    from .tasks import Worker

# Awaits that wait for work and do not fail on their own.
SAFE_WAITS = frozenset({
    *SLEEPS, "asyncio.Queue.get", "asyncio.Queue.put", "asyncio.Queue.join", "asyncio.Event.wait",
    "asyncio.Condition.wait", "asyncio.Semaphore.acquire", "asyncio.Lock.acquire", "asyncio.PriorityQueue.get",
    "asyncio.LifoQueue.get", "anyio.Event.wait", "asyncio.wait", "asyncio.gather",
})
# Blocking pauses of a loop run in a thread (a plain function): not awaited, they pause all the same.
_THREAD_PAUSES = frozenset({"time.sleep", "threading.Event.wait", "threading.Condition.wait"})
_WAIT_WRAPPERS = frozenset({"asyncio.wait_for", "asyncio.tasks.wait_for"})


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


def sort_site(model: "ProjectModel", worker: Worker, site: CallSite) -> None:
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


def _inner_function_call(site: CallSite) -> bool:
    return bool(site.func and site.func[0] == "()")
