"""Feed Beta: secondary provider, also the source of official final results."""
from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

import aiohttp
import requests

from svc import errors
from svc.clients.base import record_status
from svc.config import settings
from svc.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)


class FeedBetaClient:
    provider = "beta"

    def __init__(self, breaker: CircuitBreaker) -> None:
        self._breaker = breaker
        self._session: aiohttp.ClientSession | None = None
        self._fixture_cache: dict[str, dict[str, Any]] = {}
        self._headers = {"Authorization": f"Bearer {settings.beta_token}"}

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.beta_base_url,
            headers=self._headers,
            connector=aiohttp.TCPConnector(limit=40, ttl_dns_cache=300),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("FeedBetaClient.start() was not awaited")
        return self._session

    async def _get_json_once(self, path: str, params: dict[str, str]) -> Any:
        async with self._breaker:
            async with self.session.get(path, params=params) as resp:
                if resp.status >= 500:
                    raise aiohttp.ClientConnectionError(f"beta {path} -> {resp.status}")
                resp.raise_for_status()
                return await resp.json()

    async def _get_json(self, path: str, **params: str) -> Any:
        try:
            body = await retry_async(
                self._get_json_once,
                path,
                params,
                attempts=3,
                retry_on=(aiohttp.ClientConnectionError, asyncio.TimeoutError),
            )
        except asyncio.TimeoutError as exc:
            record_status(self.provider, False, "timeout")
            raise errors.UpstreamTimeout("beta", f"{path} timed out") from exc
        except aiohttp.ClientError as exc:
            record_status(self.provider, False, str(exc))
            raise errors.UpstreamError("beta", str(exc)) from exc
        record_status(self.provider, True)
        return body

    async def fetch_match_events(self, beta_key: str) -> list[dict[str, Any]]:
        body = await self._get_json(f"/v2/matches/{beta_key}/incidents")
        return body["incidents"]

    async def fetch_fixture(self, beta_key: str) -> dict[str, Any]:
        cached = self._fixture_cache.get(beta_key)
        if cached is not None:
            return cached
        fixture = await self._get_json(f"/v2/matches/{beta_key}")
        self._fixture_cache[beta_key] = fixture
        return fixture

    async def fetch_fixtures(self, day: date) -> list[dict[str, Any]]:
        body = await self._get_json("/v2/matches", date=day.isoformat())
        return body["matches"]

    async def fetch_final_result(self, beta_key: str) -> dict[str, Any]:
        """Official result used for settlement."""
        async with self.session.get(f"/v2/matches/{beta_key}/result") as resp:
            resp.raise_for_status()
            return await resp.json()

    def fetch_lineup_sync(self, beta_key: str) -> dict[str, Any]:
        resp = requests.get(f"{settings.beta_base_url}/v1/lineups/{beta_key}", headers=self._headers, timeout=5)
        resp.raise_for_status()
        return resp.json()

    def fetch_crest_sync(self, team_key: str) -> bytes:
        resp = requests.get(f"{settings.beta_base_url}/v1/crests/{team_key}.png", headers=self._headers, timeout=5)
        resp.raise_for_status()
        return resp.content
