from __future__ import annotations

import time

import redis.asyncio as aioredis

from zonekeep.clients.registry_rest import RegistryRestClient
from zonekeep.core.errors import QuotaExceeded
from zonekeep.core.logging import get_logger
from zonekeep.repositories.domains import DomainRepository

log = get_logger("services.search")

DEFAULT_TLDS = ("com", "net", "org", "io", "dev")
CACHE_TTL = 120.0
DAILY_SEARCH_LIMIT = 2000


class SearchService:
    """Domain availability search. One instance lives on the app container."""

    def __init__(self, registry: RegistryRestClient, redis: aioredis.Redis) -> None:
        self._registry = registry
        self._redis = redis
        self._cache: dict[str, tuple[float, bool]] = {}

    async def _consume_quota(self, account_id: int) -> None:
        key = f"search:quota:{account_id}:{time.strftime('%Y%m%d')}"
        used = int(await self._redis.get(key) or 0)
        if used >= DAILY_SEARCH_LIMIT:
            raise QuotaExceeded("daily search limit reached")
        await self._redis.set(key, used + 1, ex=86400)

    async def _availability(self, names: list[str]) -> dict[str, bool]:
        now = time.monotonic()
        out: dict[str, bool] = {}
        missing: list[str] = []
        for name in names:
            hit = self._cache.get(name)
            if hit is not None and now - hit[0] < CACHE_TTL:
                out[name] = hit[1]
            else:
                missing.append(name)
        if missing:
            try:
                results = await self._registry.check(missing)
            except Exception:
                log.warning("registry check failed for %d names", len(missing))
                return {**out, **{n: True for n in missing}}
            for name, available in results.items():
                self._cache[name] = (now, available)
                out[name] = available
        return out

    async def search(self, account_id: int, label: str, tlds: tuple[str, ...] = DEFAULT_TLDS) -> list[dict]:
        await self._consume_quota(account_id)
        label = label.strip().lower().encode("idna").decode()
        names = [f"{label}.{tld}" for tld in tlds]
        availability = await self._availability(names)
        return [{"name": n, "available": availability.get(n, False)} for n in names]

    async def is_ours(self, domains: DomainRepository, name: str) -> bool:
        return await domains.find_by_name_ci(name) is not None
