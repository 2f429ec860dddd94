from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from meet.services import ChatNotifier, PresenceService, TypingTracker


@dataclass
class Services:
    presence: PresenceService
    notifier: ChatNotifier
    typing: TypingTracker


@asynccontextmanager
async def open_services() -> AsyncIterator[Services]:
    """Built once by the web app's lifespan and once by the worker program."""
    redis = Redis.from_url("redis://cache:6379/0")
    presence = PresenceService(redis)
    try:
        yield Services(presence=presence, notifier=ChatNotifier(presence, redis), typing=TypingTracker())
    finally:
        await redis.aclose()
