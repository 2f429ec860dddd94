"""CDN purge API client."""
from __future__ import annotations

import logging

import aiohttp

from ..config import Settings
from ..utils.resilience import CircuitBreaker

log = logging.getLogger(__name__)


class CdnClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("cdn", failure_threshold=5, reset_after=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.cdn_api_url,
            headers={"Authorization": f"Bearer {self._settings.cdn_api_token}"},
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def purge(self, zone: str, urls: list[str]) -> bool:
        assert self._session is not None

        async def _do() -> bool:
            async with self._session.post(f"/zones/{zone}/purge", json={"files": urls}) as resp:
                if resp.status >= 500:
                    resp.raise_for_status()
                if 400 <= resp.status < 500:
                    return False
                return True

        return await self._breaker.call(_do)

    async def purge_tag(self, zone: str, tag: str) -> bool:
        assert self._session is not None
        async with self._session.post(f"/zones/{zone}/purge", json={"tags": [tag]}) as resp:
            if resp.status >= 400:
                log.warning("cdn tag purge failed zone=%s tag=%s status=%s", zone, tag, resp.status)
                return False
            return True
