"""On-call paging: at most one page per service per quiet period."""
import datetime as dt
import logging

import httpx
from redis.asyncio import Redis

log = logging.getLogger(__name__)
QUIET = dt.timedelta(minutes=10)


class Pager:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._paged_at: dict[str, dt.datetime] = {}  # expect: horizontal-scaling-blocker

    async def page(self, service: str, summary: str) -> bool:
        now = dt.datetime.now(dt.timezone.utc)
        previous = self._paged_at.get(service)
        if previous is not None and now - previous < QUIET:
            log.info("page for %s suppressed", service)
            return False
        self._paged_at[service] = now
        await self._http.post("https://pager.example/v1/pages", json={"service": service, "summary": summary})
        return True


class SharedPager:
    """The quiet period lives in Redis: one page per service whichever replica sees the alert."""

    def __init__(self, http: httpx.AsyncClient, redis: Redis) -> None:
        self._http = http
        self._redis = redis

    async def page(self, service: str, summary: str) -> bool:
        if not await self._redis.set(f"paged:{service}", "1", nx=True, ex=600):
            return False
        await self._http.post("https://pager.example/v1/pages", json={"service": service, "summary": summary})
        return True
