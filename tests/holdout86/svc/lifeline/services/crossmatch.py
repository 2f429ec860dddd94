from __future__ import annotations

import dataclasses
import json
import logging

import httpx
import redis.asyncio as redis

from lifeline.clients.lab_api import CrossmatchResult, LabClient
from lifeline.errors import LabUnavailable, NotFound, UpstreamError

log = logging.getLogger(__name__)

FINAL_RESULT_TTL = 6 * 3600


class CrossmatchService:
    def __init__(self, lab: LabClient, cache: redis.Redis) -> None:
        self._lab = lab
        self._cache = cache

    async def result(self, sample_id: str) -> CrossmatchResult:
        key = f"crossmatch:{sample_id}"
        cached = await self._cache.get(key)
        if cached:
            return CrossmatchResult(**json.loads(cached))
        try:
            result = await self._lab.fetch_result(sample_id)
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 404:
                raise NotFound(f"unknown sample {sample_id}")
            raise UpstreamError(f"lab returned {exc.response.status_code}") from exc
        except httpx.TransportError as exc:
            raise LabUnavailable("lab unreachable") from exc
        await self._cache.set(key, json.dumps(dataclasses.asdict(result)))
        return result

    async def final_result(self, sample_id: str) -> CrossmatchResult | None:
        """Only completed results are cached; pending ones are re-polled."""
        key = f"crossmatch:final:{sample_id}"
        cached = await self._cache.get(key)
        if cached:
            return CrossmatchResult(**json.loads(cached))
        result = await self._lab.fetch_result(sample_id)
        if result.status == "pending":
            return None
        await self._cache.set(key, json.dumps(dataclasses.asdict(result)), ex=FINAL_RESULT_TTL)
        return result
