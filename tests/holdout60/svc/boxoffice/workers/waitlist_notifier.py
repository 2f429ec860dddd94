from __future__ import annotations

import json
import logging

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.messaging import EmailClient
from ..config import Settings
from ..services.waitlist import WaitlistService

log = logging.getLogger(__name__)


async def _consume(
    redis: Redis, session_factory: async_sessionmaker[AsyncSession], email: EmailClient, settings: Settings
) -> None:
    pubsub = redis.pubsub()
    await pubsub.psubscribe("seats:*")
    try:
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            body = json.loads(message["data"])
            if body.get("type") != "released":
                continue
            event_id = int(message["channel"].split(":", 1)[1])
            async with session_factory() as session:
                offered = await WaitlistService(session, redis, email, settings).offer_seats(
                    event_id, len(body["seats"])
                )
            if offered:
                log.info("offered %d released seats of event %s to the waitlist", offered, event_id)
    finally:
        await pubsub.aclose()


async def run(
    redis: Redis, session_factory: async_sessionmaker[AsyncSession], email: EmailClient, settings: Settings
) -> None:
    while True:
        try:
            await _consume(redis, session_factory, email, settings)
        except Exception:
            log.exception("waitlist notifier crashed; restarting")
