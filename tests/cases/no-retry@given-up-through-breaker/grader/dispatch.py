from __future__ import annotations

import asyncio
import logging

from grader.breaker import CircuitOpen
from grader.runner import RunnerClient, RunnerError

log = logging.getLogger(__name__)


class Store:
    async def queued(self) -> list:
        return []

    async def flush(self) -> None:
        return None

    async def requeue(self, entry_id: int) -> None:
        return None


class Dispatcher:
    def __init__(self, store: Store, runner: RunnerClient) -> None:
        self.store = store
        self.runner = runner

    async def dispatch(self, entry) -> None:
        try:
            entry.job_id = await self.runner.breaker.call(self.runner.submit, {"ref": entry.ref})  # expect: no-retry
        except (RunnerError, CircuitOpen):
            log.exception("dispatch failed for %s", entry.ref)
            entry.status = "failed"
            return
        entry.status = "dispatched"

    async def dispatch_urgent(self, entry) -> None:
        """Look-alike: a failed submit puts the entry back in the queue for the next round."""
        try:
            entry.job_id = await self.runner.breaker.call(self.runner.submit_urgent, {"ref": entry.ref})
        except (RunnerError, CircuitOpen):
            log.warning("urgent dispatch for %s postponed", entry.ref)
            await self.store.requeue(entry.id)
            return
        entry.status = "dispatched"

    async def run(self) -> None:
        while True:
            for entry in await self.store.queued():
                await self.dispatch(entry)
                await self.dispatch_urgent(entry)
            await self.store.flush()
            await asyncio.sleep(2)
