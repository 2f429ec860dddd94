"""Publishes dashboard events written through the transactional outbox."""
from __future__ import annotations

import asyncio
import logging

from ..db.engine import SessionLocal
from ..realtime import DashboardHub
from ..repositories import events_repo

log = logging.getLogger(__name__)

BATCH = 100


class OutboxDispatcher:
    def __init__(self, hub: DashboardHub) -> None:
        self._hub = hub

    async def run(self) -> None:
        while True:
            try:
                sent = await self.dispatch_once()
            except Exception:
                log.exception("outbox dispatch failed")
                sent = 0
            await asyncio.sleep(0.2 if sent == BATCH else 2.0)

    async def dispatch_once(self) -> int:
        session = SessionLocal()
        events = await events_repo.pending(session, "dashboard", limit=BATCH)
        if events:
            await self._hub.publish_many([event.payload for event in events])
            await events_repo.mark_dispatched(session, [event.id for event in events])
            await session.commit()
        await session.close()
        return len(events)
