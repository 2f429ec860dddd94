from __future__ import annotations

import json
import logging
import time
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.hospital_feed import HospitalFeedClient
from ..errors import FeedError
from ..models import Hospital
from ..repositories import HospitalRepository
from ..utils.timeutil import utcnow
from .console_bus import ConsoleBus

log = logging.getLogger(__name__)

DIVERSION_CHANNEL = "cad:diversion"
BOARD_KEY = "diversion:board"
BOARD_TTL = 30

_FEED_STATE: dict[str, Any] = {"etag": None, "last_ok": None, "failures": 0}


class DiversionService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        feed: HospitalFeedClient,
        bus: ConsoleBus,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._feed = feed
        self._bus = bus

    async def poll_once(self) -> int:
        hospitals, etag = None, _FEED_STATE["etag"]
        for attempt in range(3):
            try:
                hospitals, etag = await self._feed.fetch_diversions(_FEED_STATE["etag"])
                break
            except FeedError:
                _FEED_STATE["failures"] += 1
                if attempt == 2:
                    raise
                time.sleep(2 ** attempt)
        _FEED_STATE["etag"] = etag
        _FEED_STATE["last_ok"] = utcnow().isoformat()
        if hospitals is None:
            return 0
        async with self._sessions() as session, session.begin():
            changed = await HospitalRepository(session).upsert_statuses(hospitals, utcnow())
        await self._redis.delete(BOARD_KEY)
        await self._redis.publish(DIVERSION_CHANNEL, json.dumps({"changed": changed}))
        return changed

    async def board(self) -> list[dict[str, Any]]:
        cached = await self._redis.get(BOARD_KEY)
        if cached is not None:
            return json.loads(cached)
        async with self._sessions() as session:
            hospitals: list[Hospital] = await HospitalRepository(session).list_all()
        board = [{"code": h.code, "name": h.name, "status": h.diversion_status, "reason": h.diversion_reason,
                  "updated_at": h.updated_at.isoformat() if h.updated_at else None} for h in hospitals]
        await self._redis.set(BOARD_KEY, json.dumps(board), ex=BOARD_TTL)
        return board

    async def consume_updates(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(DIVERSION_CHANNEL)
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            update = json.loads(message["data"])
            await self._bus.publish("hospital.diversion", {"changed": update["changed"], "board": await self.board()})
