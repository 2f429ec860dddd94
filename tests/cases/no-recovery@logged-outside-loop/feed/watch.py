"""Two event watchers: one logs the failure that ends it, one lets it sit in the task."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class Watcher:
    def __init__(self, source: asyncio.Queue) -> None:
        self._source = source
        self.count = 0

    async def watch(self, events) -> None:
        try:
            while True:
                event = await events.next_event()  # expect: no-recovery
                self.count += len(event)
        except Exception as err:
            log.error("event watcher crashed: %s", err)

    async def tail(self, events) -> None:
        try:
            while True:
                event = await events.next_event()  # expect: no-recovery
                self.count += len(event)
        except ValueError:
            pass
