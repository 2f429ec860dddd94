"""Clinic marketing content (opening hours, banners) from the headless CMS."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import Settings

logger = logging.getLogger(__name__)


class ClinicContentClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.cms_base_url
        self._session: aiohttp.ClientSession | None = None
        self._last_good: dict[str, dict] = {}

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=4, connect=1))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def content_for(self, slug: str) -> dict:
        assert self._session is not None
        try:
            async with self._session.get(f"{self._base_url}/{slug}") as resp:
                resp.raise_for_status()
                content = await resp.json()
        except (aiohttp.ClientError, TimeoutError):
            logger.warning("cms unavailable for %s, serving last known content", slug)
            return self._last_good.get(slug, {"banner": None, "hours": []})
        self._last_good[slug] = content
        return content
