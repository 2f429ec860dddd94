"""RA421 no-recovery: a worker loop that retries a failing call immediately, for ever."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience import blocks as blk
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ...model.resilience.tasks import Worker, workers
from ..api import ProjectContext, Rule, register
from ._code import indent


@register
class TightRestartLoop(Rule):
    """A supervising loop that catches a failure and starts again at once, with no pause.

    What it finds:
        Background worker loops whose fallible awaits are all caught inside the loop, where the
        handlers go on (no re-raise) and nothing in the loop ever waits - no sleep, no queue or
        event wait, no stream being iterated. When the awaited work fails immediately (the
        database or broker is down, a configuration error), the loop turns into a busy loop.

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
        for worker in workers(ctx.model):
            if is_test_path(worker.facts.path) or worker.unguarded or worker.waits or not worker.guarded:
                continue
            if self._handlers_go_on(worker):
                yield self._finding(worker)

    @staticmethod
    def _handlers_go_on(worker: Worker) -> bool:
        func = worker.func
        for site in worker.guarded:
            for block in blk.enclosing(func, site.line, "try"):
                for handler in blk.handlers_of(func, block["line"]):
                    if blk.handler_reraises(func, handler):
                        return False
        return True

    def _finding(self, worker: Worker) -> Finding:
        loop = worker.loop
        calls = ", ".join(sorted({f"`{s.name}()`" for s in worker.guarded}))
        description = (
            f"`{short(worker.fq)}` ({worker.facts.path}:{loop['line']}) loops over {calls}, catches its failures "
            "and starts again straight away: nothing in the loop sleeps or waits, so if the call fails at once "
            "the worker spins at full speed, logging on every turn."
        )
        recommendation = (
            "Sleep in the handler, with a delay that grows while failures repeat:\n\n"
            + indent("except Exception:\n    logger.exception(\"...\")\n    await asyncio.sleep(delay)\n"
                     "    delay = min(delay * 2, 60.0)")
        )
        return self.finding(Location(worker.facts.path, loop["line"], loop["line"]),
                            f"{short(worker.fq)} restarts without backoff", description,
                            recommendation=recommendation)
