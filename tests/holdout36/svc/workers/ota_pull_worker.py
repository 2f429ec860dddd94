from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from svc.clients.ota_pull import OtaPullClient
from svc.db.engine import SessionLocal
from svc.db.models import Hotel
from svc.redis_client import get_redis
from svc.services.channel_ingest import ChannelIngestService
from svc.utils.locks import RedisLock

logger = logging.getLogger(__name__)

PULL_CHANNELS = ("legacyota", "regionalbeds")


class OtaPullWorker:
    def __init__(self, ingest: ChannelIngestService) -> None:
        self._ingest = ingest
        self._clients = {name: OtaPullClient(name) for name in PULL_CHANNELS}

    async def run_once(self) -> None:
        async with RedisLock("ota-pull", f"{socket.gethostname()}:{os.getpid()}", ttl_ms=120_000) as lock:
            if not lock.acquired:
                return
            redis = get_redis()
            async with SessionLocal() as session:
                hotels = (await session.scalars(select(Hotel))).all()
            for channel, client in self._clients.items():
                cursor_key = f"ota-pull:cursor:{channel}"
                since = await redis.get(cursor_key) or (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
                started = datetime.now(timezone.utc).isoformat()
                for hotel in hotels:
                    items = await client.fetch_reservations(hotel.code, since)
                    if items:
                        async with SessionLocal() as session:
                            created = await self._ingest.import_batch(session, items)
                        logger.info("%s: imported %d reservations for %s", channel, len(created), hotel.code)
                await redis.set(cursor_key, started)

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
