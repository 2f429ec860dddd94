"""Lookups against the terminology service (local code -> LOINC)."""
from __future__ import annotations

import logging

import httpx

from ..config import get_settings
from ..utils.cache import TTLCache

log = logging.getLogger(__name__)


class TerminologyClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._base = get_settings().terminology_url
        self._cache: TTLCache[str] = TTLCache(max_entries=5000, ttl_s=3600)

    async def loinc_for(self, instrument_id: str, local_code: str) -> str | None:
        key = (instrument_id, local_code)
        cached = self._cache.get(key)
        if cached is not None:
            return cached or None
        resp = await self._client.get(
            f"{self._base}/maps/{instrument_id}/{local_code}", timeout=10.0
        )
        if resp.status_code == 404:
            self._cache.put(key, "")
            return None
        resp.raise_for_status()
        loinc = resp.json()["loinc"]
        self._cache.put(key, loinc)
        return loinc
