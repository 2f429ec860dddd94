"""Starts and stops the in-process background workers."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from svc.workers.housekeeping import run_nightly, expire_waitlist_holds
from svc.workers.booking_jobs import NoShowWorker, ReminderWorker
from svc.workers.pos_poller import PosPoller

log = logging.getLogger(__name__)


async def supervise(factory: Callable[[], Awaitable[None]], name: str) -> None:
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting", name)


class Scheduler:
    def __init__(self, app_state) -> None:
        self.state = app_state
        self.tasks: list[asyncio.Task] = []
        self.reminders = ReminderWorker(app_state.notifier)
        self.no_show = NoShowWorker(app_state.payments)

    def start(self) -> None:
        poller = PosPoller(self.state.pos, self.state.events)
        self.tasks = [
            asyncio.create_task(self.reminders.run(), name="reminders"),
            asyncio.create_task(self.no_show.run(), name="no-show"),
            asyncio.create_task(supervise(poller.run, "pos-poller"), name="pos-poller"),
            asyncio.create_task(
                supervise(lambda: expire_waitlist_holds(self.state.notifier, self.state.events), "waitlist-expiry"),
                name="waitlist-expiry",
            ),
            asyncio.create_task(supervise(run_nightly, "nightly-export"), name="nightly-export"),
        ]

    async def stop(self) -> None:
        self.reminders.stop()
        self.no_show.stop()
        for task in self.tasks:
            task.cancel()
        results = await asyncio.gather(*self.tasks, return_exceptions=True)
        for task, result in zip(self.tasks, results):
            if isinstance(result, Exception) and not isinstance(result, asyncio.CancelledError):
                log.error("worker %s ended with %r", task.get_name(), result)
