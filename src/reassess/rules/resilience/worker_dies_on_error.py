"""RA420 no-recovery: a background loop that ends for good on the first exception."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.logs import LOG_METHODS
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ...model.resilience.tasks import Worker, supervisors, workers
from ..api import ProjectContext, Rule, register
from ._code import indent

_MAX_RELATED = 8


@register
class WorkerDiesOnError(Rule):
    """A background worker whose loop is not protected: one failure stops it for good, silently.

    What it finds:
        Long-running tasks (started with `create_task` & co., as the application model lists
        them) whose keep-alive loop awaits calls that can raise - queries, HTTP requests, cache
        commands, a stream being iterated - outside any `try` inside the loop, when nothing
        watches the task (no `add_done_callback` where it is started; a callback that only drops
        the task from a set, `add_done_callback(self._tasks.discard)`, watches nothing). A `try`
        whose handlers only catch malformed data (`except (KeyError, ValueError)`) does not
        protect the loop from the I/O errors of the calls in it, nor does one that catches only
        some of the libraries the call reaches (`except aiohttp.ClientError` around a step that
        also queries the database, whose errors nothing on the way catches). A done-callback that a
        project task starter (`registry.spawn(coro)`) adds to every task only hears of the end and
        restarts nothing, so it does not count, nor does one that only logs the task's exception.
        A task the starter awaits with `asyncio.wait([a, b], ...)` (the names listed in the call or
        a list bound later in a reconnect loop), or one it cancels in the `finally` of each run it
        serves (a ping task per connection, started again with the next connection), is watched,
        and so is a task the function defines for one call and cancels and awaits in its `finally`
        (`await task` re-raises its failure into the call). A task one request's stream starts (a
        heartbeat or disconnect watcher, often a closure of the route's helper) and cancels however
        the stream ends (its `finally`, the `except BaseException` a dropped client raises into, a
        cancelling helper) lives for that client only, when its loop only reads the connection,
        catches broadly or hands items to a queue. A loop that only drains an iterator
        (`while True: await anext(it)` until `StopAsyncIteration`) ends with it: no worker.
        Waiting on a queue, an event or a sleep does not count, nor does a project helper that
        only pauses (`await pause(stop, delay)`, a wait on an event whose timeout it catches). A restarting wrapper's own loop is read the same way:
        nothing restarts the wrapper. Loops that catch inside and go on are not reported. When
        the loop iterates a stream whose iteration itself raises (`async for message in
        pubsub.listen():`), the line that starts the task is cited: only restarting the whole
        function recovers a dead subscription. A loop with one fallible step (`await
        self.tick()`) is cited at that step, any other at the loop; the start is related (and named
        as started bare when the same code hands its other tasks to a restarting wrapper); a
        function another start hands to a restarting wrapper, or whose task another starter watches
        (`asyncio.wait({task, stopper}, ...)` then `await task`), is cited at its bare start (at
        startup, for a watched one). A task
        handed to a project starter that wraps it in its restarter only on request (`supervise(name,
        factory) if supervised else factory()`) with that flag given as False (`tasks.start("promoter",
        promoter.run, supervised=False)`) runs bare.

    Why it matters:
        The first transient error (a dropped database connection, a timeout, a bad row) raises
        out of the loop and ends the task. The exception is stored in the Task object and only
        surfaces when someone awaits it - at shutdown, if ever - so the process keeps serving
        while the work the loop did (price updates, cleanups, fan-out) silently stops.

    Example:
        async def run(self):
            while True:
                instruments = await self.dm.list_active_instruments()
                ...
                await asyncio.sleep(self.interval)

    Instead:
        Catch inside the loop, log, back off and continue (and let cancellation through):

            while True:
                try:
                    await self.poll_once()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("price poll failed")
                await asyncio.sleep(self.interval)
    """

    id = "RA420"
    name = "worker-dies-on-error"
    category = "no-recovery"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        found = workers(ctx.model)
        ctx.examine("background tasks", len(found))
        listed = {w.fq for w in found}  # a supervisor's own loop can die too: nothing restarts it
        for worker in [*found, *(s for s in supervisors(ctx.model) if s.fq not in listed)]:
            if worker.unguarded and not worker.supervised and not is_test_path(worker.facts.path):
                yield self._finding(ctx.model, worker)

    def _finding(self, model: ProjectModel, worker: Worker) -> Finding:
        loop = worker.loop
        first = worker.unguarded[0]
        names = sorted({f"`{s.name}()`" for s in worker.unguarded})
        started = worker.entry.started_at
        where = f", started at {started[0]}:{started[1]}" if started else ""
        kind = "`while True` loop" if loop.get("forever") else "loop"
        description = (
            f"`{short(worker.fq)}` keeps the {worker.entry.name} task alive with the {kind} at line {loop['line']}"
            f"{where}. {len(worker.unguarded)} await{'s' if len(worker.unguarded) != 1 else ''} in the loop "
            f"({', '.join(names[:5])}{', ...' if len(names) > 5 else ''}) can raise with no handler inside the "
            + (f"loop. The done-callback {worker.notified} hears of the failure only once the task has ended and "
               f"restarts nothing: the first failure (first at line {first.line}) ends the worker for good."
               if worker.notified else
               f"loop. The handler around the loop (line {logged}) logs the error, but by then the loop has "
               f"ended: the first failure (first at line {first.line}) ends the worker for good, and nothing "
               "restarts it."
               if (logged := _logged_outside(model, worker)) else
               f"loop, and nothing watches the task: the first failure (first at line {first.line}) ends the worker "
               "for good, and the error stays in the Task object until someone awaits it.")
        )
        cited, related = _citation(model, worker)
        recommendation = _recommendation(worker)
        return self.finding(
            cited,
            f"{short(worker.fq)} stops for good on its first error", description,
            recommendation=recommendation, related=related,
        )


_BROAD = blk.BROAD_CATCHES | {""}  # "": a bare `except:`


def _logged_outside(model: ProjectModel, worker: Worker) -> int:
    """The line of a broad `except` around the worker's loop, in the same function, that logs the
    error (`except Exception as err: _LOGGER.error("monitor has crashed: %s", err)`) and does not
    re-raise: the failure is seen, though the loop is over. 0 when there is none. The log test is
    the rule's own: any call named like a log method counts (`blk.logs` wants a receiver)."""
    fq = worker.loop.get("function") or worker.fq
    if fq not in model.functions:
        return 0
    func = model.functions[fq][1]
    tries = {b["line"] for b in blk.enclosing(func, worker.loop["line"], "try")}
    for block in blk.blocks(func, "except"):
        if block.get("try_line") not in tries or blk.always_raises(block) \
                or not set(block.get("types") or [""]) & _BROAD:
            continue
        if any(s.func and s.func[-1] in LOG_METHODS for s in blk.calls_in(func, block["line"], block["end"])):
            return block["line"]
    return 0


def _citation(model: ProjectModel, worker: Worker) -> tuple[Location, list[Location]]:
    """(cited line, related lines). A dead stream is cited where the task starts (only a restart of
    the whole function recovers); a loop whose one fallible step is a single call (`await
    self.tick()`), at that call; else the loop, the defect a reviewer points at. A task started
    bare beside tasks the same code hands to a restarting wrapper has that start related as such
    (the fix may be to hand it over too)."""
    path, loop, started = worker.facts.path, worker.loop, worker.entry.started_at
    related = [Location(path, s.line, s.end_line, "raises out of the loop") for s in worker.unguarded[:_MAX_RELATED]]
    at_loop = (path, loop["line"], loop["line"])
    steps = [s for s in worker.unguarded if s.used_as not in ("async-with", "async-for")]
    # one fallible line (`await job.run(utcnow())` holds two calls) is one step
    only = steps[0] if len({s.line for s in steps}) == 1 and steps[0].line != loop["line"] else None
    if started:
        if _stream_ends(worker):
            return Location(started[0], started[1], started[1]), \
                [*related, Location(*at_loop, "the stream loop that ends with the task")]
        elsewhere, how = _supervised_start(model, worker)
        if elsewhere is not None:  # the function relies on a restarter or a watcher; this start left it out
            return Location(started[0], started[1], started[1]), \
                [*related, Location(*at_loop, "the loop that ends with the task"),
                 Location(*elsewhere, elsewhere[1], f"the same function started {how}")]
        note = ("started bare, beside tasks handed to a restarting wrapper" if _unlike_siblings(model, worker)
                else "the task is started here")
        related.append(Location(started[0], started[1], started[1], note))
    if only is not None:
        return Location(path, only.line, only.end_line), \
            [*(r for r in related if r.start_line != only.line), Location(*at_loop, "the loop it ends")]
    return Location(*at_loop), related


def _supervised_start(model: ProjectModel, worker: Worker) -> tuple[tuple[str, int] | None, str]:
    """(where, how) another start hands this same function to a restarting wrapper (the worker process
    runs `supervise("consumer", consumer.run)`, the API's lifespan `create_task(consumer.run())`) or
    watches its task (`asyncio.wait({task, stopper}, ...)` then `await task`, so the process exits
    and its supervisor restarts it) while this start, at startup, lives as long as the process: the
    loop is written to be recovered from outside, so the bare start is the line to change."""
    if worker.fq != worker.entry.function or worker.entry.details.get("supervised_by"):
        return None, ""
    restarted = next((e.started_at for e in model.app.of_kind("worker")
                      if e.function == worker.fq and e.details.get("supervised_by") and e.started_at
                      and e.started_at != worker.entry.started_at), None)
    if restarted is not None:
        return restarted, "under a restarting wrapper"
    if not worker.entry.details.get("at_startup"):
        return None, ""  # a task of one call or connection: its loop is the defect, not the start
    watched = next((w.entry.started_at for w in workers(model)
                    if w.fq == worker.fq and w.entry.function == worker.fq and w.supervised and w.entry.started_at
                    and w.entry.started_at != worker.entry.started_at), None)
    return watched, "where its starter watches the task"


def _unlike_siblings(model: ProjectModel, worker: Worker) -> bool:
    """The code that starts this task hands other long-running tasks to a restarting wrapper
    (`supervise("push", ...)`, `supervisor.spawn(...)`) but starts this one bare."""
    if worker.fq != worker.entry.function or worker.entry.details.get("supervised_by"):
        return False  # a supervisor's own loop: the task is the supervision
    return worker.entry.details.get("started_in") in _supervising(model)


def _supervising(model: ProjectModel) -> frozenset[str]:
    """The functions that hand at least one long-running task to a restarting wrapper."""
    return model.memo("worker_dies_on_error.supervising", lambda: frozenset(
        e.details["started_in"] for e in model.app.of_kind("worker")
        if e.details.get("started_in") and e.details.get("supervised_by")))


def _stream_ends(worker: Worker) -> bool:
    """The loop iterates a stream (`async for message in pubsub.listen():`) and that iteration
    itself raises: no `try` inside the loop can resume a dead subscription, so the recovery
    belongs where the task is started (a supervisor restarting the function), which is cited."""
    return not worker.loop.get("forever") and any(s.line == worker.loop["line"] for s in worker.unguarded)


def _recommendation(worker: Worker) -> str:
    prefix = "self." if worker.func.class_name else ""
    name = short(worker.fq)
    if worker.loop.get("forever") or not _streamed(worker):
        sleep = worker.sleeps[0].name if worker.sleeps else "asyncio.sleep"
        body = (f"while True:\n    try:\n        await {prefix}{worker.func.name}_once()\n"
                f"    except asyncio.CancelledError:\n        raise\n    except Exception:\n"
                f"        logger.exception(\"{name} round failed\")\n    await {sleep}(...)")
        lead = "Move the loop body into a function and protect each round, so one failure costs one round:"
    else:
        body = (f"delay = 1.0\nwhile True:\n    try:\n        await {prefix}{worker.func.name}_session()  "
                f"# subscribe and iterate\n        delay = 1.0\n    except asyncio.CancelledError:\n        raise\n"
                f"    except Exception:\n        logger.exception(\"{name} stream failed, reconnecting\")\n"
                f"        await asyncio.sleep(delay)\n        delay = min(delay * 2, 30.0)")
        lead = "Reconnect when the stream fails, with a growing pause, instead of letting the task end:"
    return (f"{lead}\n\n{indent(body)}\n\nAlso attach `task.add_done_callback(...)` where it is started so an "
            "unexpected exit is logged.")


def _streamed(worker: Worker) -> bool:
    """The loop consumes a stream (`async for message in pubsub.listen():`), where recovery is a
    reconnect; a loop that takes work from a queue or polls (`while self._running: ...
    await queue.get()`, an `async for` over a batch inside the body) recovers by protecting each
    round."""
    return bool(worker.loop.get("stream")) or any(
        s.used_as == "async-for" and s.line == worker.loop["line"] for s in worker.waits)
