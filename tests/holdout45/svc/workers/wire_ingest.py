"""Wire agency client, and the poller that files new copy into the desk inbox (redis stream per tenant)."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import datetime, timedelta, timezone

import aiohttp

from ..utils.resilience import RedisLock


log = logging.getLogger(__name__)


class WireClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Api-Key": self._api_key})

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def latest(self, since: datetime) -> list[dict]:
        assert self._session is not None
        async with self._session.get(f"{self._base_url}/v1/items", params={"since": since.isoformat()}) as resp:
            resp.raise_for_status()
            data = await resp.json()
        return data.get("items", [])



INBOX_MAXLEN = 5000
SINCE_KEY = "wire:since"


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class WireIngest:
    def __init__(self, redis, client: WireClient, tenants: list[str], interval: float = 60.0) -> None:
        self.redis = redis
        self.client = client
        self.tenants = tenants
        self.interval = interval
        self.since = datetime.now(timezone.utc) - timedelta(hours=1)
        self.lock = RedisLock(redis, "wire-ingest", ttl_ms=int(interval * 2000))
        self.token = f"wire-{uuid.uuid4().hex}"

    async def poll_once(self) -> int:
        stored = await self.redis.get(SINCE_KEY)
        since = datetime.fromisoformat(stored) if stored else self.since
        items = await self.client.latest(since)
        filed = 0
        newest = since
        for item in items:
            try:
                received = _parse_time(item["versionCreated"])
            except:
                continue
            newest = max(newest, received)
            for tenant_id in self.tenants:
                if tenant_id in item.get("subscribers", self.tenants):
                    await self.redis.xadd(
                        f"wire:{tenant_id}",
                        {"item": json.dumps(item)},
                        maxlen=INBOX_MAXLEN,
                        approximate=True,
                    )
                    filed += 1
        self.since = newest
        await self.redis.set(SINCE_KEY, newest.isoformat())
        return filed

    async def run(self) -> None:
        while True:
            try:
                if await self.lock.acquire(self.token):
                    try:
                        filed = await self.poll_once()
                    finally:
                        await self.lock.release()
                    if filed:
                        log.info("filed %d wire items", filed)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("wire poll failed")
            await asyncio.sleep(self.interval)
