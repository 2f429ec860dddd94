"""Image moderation via the external ML classification API."""
from __future__ import annotations

import asyncio
import base64
import logging

import aiohttp

from svc.config import get_settings

log = logging.getLogger(__name__)


class ModerationUnavailable(Exception):
    pass


class ModerationClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._settings = get_settings()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
            headers={"X-Api-Key": self._settings.moderation_api_key},
        )

    async def stop(self) -> None:
        if self._session:
            await self._session.close()

    async def classify(self, image_bytes: bytes) -> dict[str, float]:
        assert self._session is not None
        body = {"image": base64.b64encode(image_bytes).decode(), "models": ["nsfw", "weapons", "counterfeit"]}
        try:
            async with self._session.post(self._settings.moderation_url, json=body) as resp:
                resp.raise_for_status()
                data = await resp.json()
        except aiohttp.ClientError as e:
            raise ModerationUnavailable(str(e))
        return {label["name"]: float(label["score"]) for label in data["labels"]}

    async def classify_many(self, images: list[bytes], concurrency: int = 4) -> list[dict[str, float] | None]:
        sem = asyncio.Semaphore(concurrency)

        async def one(data: bytes) -> dict[str, float] | None:
            async with sem:
                try:
                    return await self.classify(data)
                except ModerationUnavailable:
                    log.warning("moderation unavailable for one image of %d", len(images))
                    return None

        return await asyncio.gather(*(one(d) for d in images))
