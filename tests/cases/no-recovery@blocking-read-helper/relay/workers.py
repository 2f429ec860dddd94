"""Forward audit entries to subscribers' endpoints."""
from __future__ import annotations

import asyncio
import logging

from relay.streams import GroupReader

log = logging.getLogger(__name__)


class AuditForwarder(GroupReader):
    def __init__(self, redis, sender) -> None:
        super().__init__(redis, "audit", "forwarders", "forwarder-1")
        self.sender = sender

    async def run(self) -> None:
        while True:
            try:
                entries = await self.next_entries()
                if not entries:
                    continue
                try:
                    await self.sender.deliver(entries)
                except Exception:
                    log.error("delivery failed; entries stay pending")
                    continue
                await self.acknowledge([entry_id for entry_id, _ in entries])
            except Exception:
                log.exception("forwarder loop error")
                await asyncio.sleep(1)


class MetricsForwarder(GroupReader):
    def __init__(self, redis, sender) -> None:
        super().__init__(redis, "metrics", "forwarders", "forwarder-1")
        self.sender = sender

    async def run(self) -> None:
        while True:
            try:
                entries = await self.peek_entries()
                if not entries:
                    continue
                try:
                    await self.sender.deliver(entries)
                except Exception:  # expect: no-recovery
                    log.error("delivery failed; entries stay pending")
                    continue
                await self.acknowledge([entry_id for entry_id, _ in entries])
            except Exception:
                log.exception("forwarder loop error")
                await asyncio.sleep(1)
