"""Starts and stops the in-process background workers."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from ..services.delivery import consume_courier_events, poll_in_flight
from ..ws.hub import TrackingHub
from . import audit_export, expiry_sweeper, reconciliation, refill_reminders
from .base import supervised

log = logging.getLogger(__name__)

DAY = 24 * 3600


class WorkerSet:
    def __init__(self, hub: TrackingHub) -> None:
        self.hub = hub
        self.tasks: list[asyncio.Task] = []

    def start(self) -> None:
        async def reminders() -> None:
            await refill_reminders.run_reminders()

        self.tasks = [
            asyncio.create_task(supervised("refill-reminders", reminders, interval=DAY), name="refill-reminders"),
            asyncio.create_task(supervised("audit-export", audit_export.export_yesterday, interval=DAY), name="audit-export"),
            asyncio.create_task(supervised("expiry-sweeper", self._sweep, interval=6 * 3600), name="expiry-sweeper"),
            asyncio.create_task(reconciliation.run_forever(), name="reconciliation"),
            asyncio.create_task(run_poller(self.hub), name="delivery-poller"),
            asyncio.create_task(consume_courier_events(self.hub), name="courier-events"),
        ]

    async def _sweep(self) -> None:
        await expiry_sweeper.sweep()

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def status(self) -> dict[str, str]:
        return {t.get_name(): ("running" if not t.done() else "stopped") for t in self.tasks}


POLL_SECONDS = 45


async def run_poller(hub: TrackingHub) -> None:
    while True:
        try:
            changed = await poll_in_flight(hub)
            if changed:
                log.info("courier poll updated %d deliveries", changed)
            await asyncio.sleep(POLL_SECONDS)
        except Exception:
            log.exception("courier poll failed")
            continue
