"""RA421 no-recovery: a worker loop that retries a failing call immediately, for ever."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...knowledge.exceptions import DATA_ERRORS, last_name, only
from ...model.resilience import blocks as blk
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ...model.resilience.tasks import Worker, free_loops, scheduled_loops, supervisors, workers
from ..api import ProjectContext, Rule, register
from ._code import indent


@register
class TightRestartLoop(Rule):
    """A supervising loop that catches a failure and starts again at once, with no pause.

    What it finds:
        Background worker loops whose fallible awaits are all caught inside the loop, where the
        handlers go on (no re-raise) and nothing in the loop waits on the failure path - no
        sleep, no queue or event wait, no stream being iterated, or a pause that only follows
        the failing call inside the same `try` (`try: await sync(); await sleep(60)` skips the
        sleep when `sync()` raises), or one after the `try` that a handler ending in `continue`
        jumps over, or one in a sibling handler (`except LockHeld: await sleep(t)` beside `except
        Exception: log` - where a catch-all is present, its path is the one judged). An await
        whose dependency errors a handler in the loop catches
        (`except httpx.HTTPError:`) counts even when other failures would end the loop: the
        outage the handler is there for makes it spin. When the awaited work fails immediately
        (the database or broker is down, a configuration error), the loop turns into a busy
        loop. A loop whose only handler catches cancellation (`except asyncio.CancelledError:
        break`) catches no failure: an error ends it; nor does one that leaves the loop
        (`except Exception: return`). A loop that drains a buffer (`while queue: queue.popleft()`)
        ends once it is empty and is not a restart loop. A coroutine that keeps itself alive with
        a `while True` loop and pauses in it counts however it is started (a runner calling
        `worker.run()` on a list of workers, a factory handed to a helper). The handler that goes
        round again is cited when it skips a pause or ends in `continue`; a loop with no pause
        at all that just falls back to its top is cited at the loop. A blocking read of new work
        earlier in the loop (`xreadgroup(..., block=5000)`, `brpop`, directly or in a helper such
        as `await self.read_batch()`) paces a failure of a later step; a failure of the read
        itself still counts when it comes back at once.

    Why it matters:
        A dependency outage turns one worker into a CPU spinner that logs the same traceback
        thousands of times a second, floods log storage, starves the event loop that serves
        requests, and hammers the failing dependency the moment it tries to come back.

    Example:
        while True:
            try:
                await self.consume()
            except Exception:
                logger.exception("consumer crashed, restarting")

    Instead:
        Back off between attempts, growing the delay while failures repeat:

            delay = 1.0
            while True:
                try:
                    await self.consume()
                    delay = 1.0
                except Exception:
                    logger.exception("consumer crashed, restarting in %.0fs", delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 60.0)
    """

    id = "RA421"
    name = "tight-restart-loop"
    category = "no-recovery"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        # a periodic loop no resolved start leads to counts by its shape: its pause is what a failure skips
        periodic = [w for w in free_loops(ctx.model) if w.waits]
        for worker in [*workers(ctx.model), *supervisors(ctx.model), *scheduled_loops(ctx.model), *periodic]:
            sites = _restart_sites(worker)
            if is_test_path(worker.facts.path) or not sites:
                continue
            failing = next((site for site in sites if not _pause_after_failure(worker, site)), None)
            if failing is not None and self._handlers_go_on(worker, [failing]):
                yield self._finding(worker, failing)

    @staticmethod
    def _handlers_go_on(worker: Worker, sites: list[CallSite]) -> bool:
        func = worker.func
        catches_failure = False  # `except asyncio.CancelledError: break` alone lets failures out
        for site in sites:
            for block in _loop_tries(worker, site):  # a try around the whole loop ends it: no restart
                for handler in blk.handlers_of(func, block["line"]):
                    if _cancellation_only(handler):
                        continue
                    if blk.handler_reraises(func, handler) or handler.get("exit") in ("return", "break"):
                        return False
                    catches_failure = True
        return catches_failure

    def _finding(self, worker: Worker, failing: CallSite) -> Finding:
        loop = worker.loop
        calls = ", ".join(sorted({f"`{s.name}()`" for s in worker.guarded}))
        if worker.waits:
            skipped = ", ".join(sorted({f"`{s.name}()` (line {s.line})" for s in worker.waits}))
            why = (f"the only pause, {skipped}, comes after `{failing.name}()` in the same `try`, so a failure "
                   "skips it and the next round starts at once")
        else:
            why = "nothing in the loop sleeps or waits"
        description = (
            f"`{short(worker.fq)}` ({worker.facts.path}:{loop['line']}) loops over {calls}, catches its failures "
            f"and starts again straight away: {why}. If the call fails at once (the dependency is down) the "
            "worker spins at full speed, logging on every turn."
        )
        if worker.waits:
            pause = worker.waits[0]
            recommendation = (
                f"Move the pause (`{pause.name}()`, line {pause.line}) out of the `try`, so that it also runs after a "
                "failure, and let it grow while failures repeat:\n\n"
                + indent(f"while True:\n    try:\n        await {failing.name}()\n        delay = interval\n"
                         "    except Exception:\n        logger.exception(\"...\")\n"
                         "        delay = min(delay * 2, 600.0)\n    await asyncio.sleep(delay)")
            )
        else:
            recommendation = (
                "Sleep in the handler, with a delay that grows while failures repeat:\n\n"
                + indent("except Exception:\n    logger.exception(\"...\")\n    await asyncio.sleep(delay)\n"
                         "    delay = min(delay * 2, 60.0)")
            )
        cited, related = _citation(worker, failing)
        return self.finding(cited,
                            f"{short(worker.fq)} restarts without backoff", description,
                            recommendation=recommendation, related=related)


def _restart_sites(worker: Worker) -> list[CallSite]:
    """The awaits a failure of which sends the loop round again: those all of whose failures are
    caught in the loop, and (in a loop whose every await is one of these or such) those whose
    dependency errors a handler in the loop catches (`except httpx.HTTPError:`) while other
    failures would end it: the outage the handler is there for is what makes it spin."""
    partly = [s for s in worker.unguarded if any(_dependency_handler(h) for b in _loop_tries(worker, s)
                                                 for h in blk.handlers_of(worker.func, b["line"]))]
    caught = {id(s) for s in partly}
    ending = [s for s in worker.unguarded if id(s) not in caught]
    if ending:  # an await no handler in the loop catches ends it, unless a failure before it skips it
        return [s for s in worker.guarded if _skips_to_top(worker, s, ending)]
    return [*worker.guarded, *partly]


def _skips_to_top(worker: Worker, site: CallSite, ending: list[CallSite]) -> bool:
    """Every handler in the loop that catches `site`'s failure sends the loop round with
    `continue`, and the awaits whose failure would end the loop all come after `site`: when the
    dependency behind `site` is down (`except RedisError: continue` around the read of new work),
    those never run, so the loop goes round instead of ending."""
    handlers = [h for b in _loop_tries(worker, site) for h in blk.handlers_of(worker.func, b["line"])
                if not _cancellation_only(h)]
    return bool(handlers) and all(h.get("exit") == "continue" for h in handlers) \
        and all(s.line > site.end_line for s in ending)


def _dependency_handler(handler: dict) -> bool:
    """A handler naming failures other than malformed data and cancellation (`OSError`,
    `RedisError`, `httpx.HTTPError`): it catches a dependency being down."""
    types = handler.get("types") or []
    return bool(types) and not only(types, DATA_ERRORS | _CANCELLATION)


def _citation(worker: Worker, failing: CallSite) -> tuple[Location, list[Location]]:
    """(cited, related). The handler that goes round again is cited when the failure path is its
    doing: it skips a pause the loop has, or it sends the loop round with an explicit `continue`.
    A loop with no pause anywhere that just falls back to its top (`while True: try: await
    worker() except Exception: log`) is cited at the loop: the loop is the restart, and what it
    lacks is a pause. The others are related (the handler's `continue`, the skipped pauses)."""
    path, loop, handlers = worker.facts.path, worker.loop, _restarting_handlers(worker, failing)
    related = [Location(path, failing.line, failing.end_line, "a failure here restarts the loop")]
    continues = [h for h in handlers if h.get("exit") == "continue" and h["end"] > h["line"]]
    on_handler = bool(handlers) and (bool(worker.waits) or bool(continues))
    line = handlers[0]["line"] if on_handler else loop["line"]
    if not handlers:
        return Location(path, line, line), related
    related += [Location(path, h["line"], h["line"], "caught here, and the loop goes round at once")
                for h in handlers if h["line"] != line]
    related += [Location(path, h["end"], h["end"], "sends the loop round again at once") for h in continues]
    if on_handler:
        related.append(Location(path, loop["line"], loop["line"], "the loop that starts again at once"))
    related += [Location(path, s.line, s.end_line, "skipped when the call above fails") for s in worker.waits]
    return Location(path, line, line), related


def _restarting_handlers(worker: Worker, site: CallSite) -> list[dict]:
    """The handlers inside the loop that catch `site`'s failure and go on (not cancellation)."""
    func = worker.func
    found = [(b, h) for b in _loop_tries(worker, site) for h in blk.handlers_of(func, b["line"])
             if not _cancellation_only(h) and not blk.handler_reraises(func, h)]
    # the handler whose path skips every pause first: it is the one that spins
    found.sort(key=lambda pair: _handler_pauses(worker, pair[0], pair[1], site))
    return [h for _, h in found]


def _loop_tries(worker: Worker, site: CallSite) -> list[dict]:
    """The `try` blocks around `site` that start inside the worker's loop, innermost last."""
    loop = worker.loop
    return [b for b in blk.enclosing(worker.func, site.line, "try") if loop["line"] <= b["line"] <= loop["end"]]


def _pause_after_failure(worker: Worker, site: CallSite) -> bool:
    """Some wait of the loop still runs when `site` raises, whichever outage handler of the
    innermost `try` (inside the loop) catches it: a wait before the failing call, in that
    handler, or after the `try` when the handler falls through. A pause in a sibling handler
    (`except LockNotAcquired: await sleep(t)` beside `except Exception: log; continue`) is not on
    the path of the failure the other one catches."""
    tries = [b for b in _loop_tries(worker, site) if b.get("handled")]
    if not tries:
        return bool(worker.waits)
    body = tries[-1]
    return all(_handler_pauses(worker, body, handler, site) for handler in _outage_handlers(worker.func, body))


def _outage_handlers(func, body: dict) -> list[dict]:
    """The handlers of the `try` an outage lands in: the catch-all when there is one (a narrow
    handler reconnecting at once on `ConnectionError`, beside an `except Exception:` that backs
    off, is the expected-closure path), else those naming more than malformed data (all of them
    when none does); never the ones for cancellation."""
    handlers = [h for h in blk.handlers_of(func, body["line"]) if not _cancellation_only(h)]
    broad = [h for h in handlers if not h.get("types") or any(last_name(t) in blk.BROAD_CATCHES for t in h["types"])]
    return broad or [h for h in handlers if not h.get("types") or not only(h["types"], DATA_ERRORS)] or handlers


def _handler_pauses(worker: Worker, body: dict, handler: dict, site: CallSite) -> bool:
    """A wait runs on the way from `handler` back to the failing call: one in the handler, one
    in the loop before the call or the call itself (a stream it iterates), or one after the
    whole `try` statement that a handler not ending in `continue` falls through to. A sibling
    handler's pause is not on this path."""
    handlers = blk.handlers_of(worker.func, body["line"])
    statement_end = max(h["end"] for h in handlers)
    falls_through = handler.get("exit") != "continue"
    for wait in worker.waits:
        if blk.inside(handler, wait.line):
            return True
        if any(blk.inside(h, wait.line) for h in handlers):
            continue
        if wait.line < site.line or wait.line == site.line and _waited_out(handler) \
                or falls_through and wait.line > statement_end:
            return True
    return False


def _waited_out(handler: dict) -> bool:
    """The handler of a failing wait (`item = await redis.blpop(key, timeout=30)`) catches only
    its timing out: the wait happened. One catching the dependency's errors (`except RedisError`)
    runs at once when the server is down, so the wait is no pause on that path."""
    types = handler.get("types") or []
    return bool(types) and only(types, _TIMEOUTS)


_TIMEOUTS = frozenset({"TimeoutError", "Empty", "QueueEmpty"})


_CANCELLATION = frozenset({"CancelledError", "KeyboardInterrupt", "SystemExit"})


def _cancellation_only(handler: dict) -> bool:
    """`except asyncio.CancelledError: raise`: lets shutdown through, not a failure path."""
    types = handler.get("types") or []
    return bool(types) and all(t.rsplit(".", 1)[-1] in _CANCELLATION for t in types)
