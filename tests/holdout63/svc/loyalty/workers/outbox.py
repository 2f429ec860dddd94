"""Relays outbox events (member tier changes, redemptions) to the CRM webhook and the redis stream."""
from __future__ import annotations

import asyncio
import json
import logging
import time

import httpx
import redis.asyncio as redis
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.db.models import OutboxEvent
from loyalty.utils.timeutil import utcnow

log = logging.getLogger(__name__)

CRM_WEBHOOK = "https://crm.example.com/hooks/loyalty"
STREAM = "loyalty:events"


class OutboxRelay:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis_client: redis.Redis,
                 http: httpx.AsyncClient) -> None:
        self._sessions = sessions
        self._redis = redis_client
        self._http = http
        self._stopping = asyncio.Event()

    async def _deliver_crm(self, event: OutboxEvent) -> None:
        for attempt in range(4):
            try:
                response = await self._http.post(CRM_WEBHOOK, json={"topic": event.topic, "payload": event.payload})
                response.raise_for_status()
                return
            except httpx.HTTPError:
                if attempt == 3:
                    raise
                time.sleep(0.5 * 2 ** attempt)

    async def relay_once(self, limit: int = 100) -> int:
        async with self._sessions() as session, session.begin():
            stmt = (
                select(OutboxEvent)
                .where(OutboxEvent.published_at.is_(None))
                .order_by(OutboxEvent.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            events = list((await session.execute(stmt)).scalars())
            for event in events:
                await self._redis.xadd(STREAM, {"topic": event.topic, "payload": json.dumps(event.payload)},
                                       maxlen=100_000, approximate=True)
                try:
                    await self._deliver_crm(event)
                except (httpx.HTTPError, asyncio.TimeoutError):
                    pass
            if events:
                await session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.id.in_([e.id for e in events]))
                    .values(published_at=utcnow())
                )
        return len(events)

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                relayed = await self.relay_once()
            except Exception:
                log.exception("outbox relay pass failed")
                continue
            if relayed == 0:
                await asyncio.sleep(1.0)

    def stop(self) -> None:
        self._stopping.set()
