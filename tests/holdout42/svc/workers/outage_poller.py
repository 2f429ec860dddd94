from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import SessionLocal
from svc.services.outages import OutageReport, OutageService

logger = logging.getLogger(__name__)

DNO_FEED_URL = "https://dno.example/api/planned-outages"
SEEN_TTL = 7 * 24 * 3600


class OutagePoller:
    """Imports planned outages published by the distribution network operator."""

    def __init__(self, redis: Redis, service_factory: Callable[[AsyncSession], OutageService], interval: float = 120.0) -> None:
        self._redis = redis
        self._service_factory = service_factory
        self._interval = interval
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=5.0))

    async def poll_once(self) -> int:
        resp = await self._client.get(DNO_FEED_URL)
        resp.raise_for_status()
        created = 0
        for item in resp.json()["outages"]:
            if not await self._redis.set(f"dno:seen:{item['id']}", 1, nx=True, ex=SEEN_TTL):
                continue
            async with SessionLocal() as session:
                service: OutageService = self._service_factory(session)
                await service.report(
                    OutageReport(severity="minor", description=item.get("summary", "Planned work"), postcode=item["postcode"]),
                    reporter_id=None,
                )
            created += 1
        return created

    async def run(self) -> None:
        while True:
            try:
                created = await self.poll_once()
                if created:
                    logger.info("imported %d planned outages", created)
                await asyncio.sleep(self._interval)
            except Exception:
                logger.exception("outage poll failed")
