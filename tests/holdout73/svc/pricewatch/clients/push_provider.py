from __future__ import annotations

import logging
import time

import aiohttp

from pricewatch.config import Settings

log = logging.getLogger(__name__)


class PushError(Exception):
    pass


class PushClient:
    def __init__(self, settings: Settings):
        self._base = settings.push_api_base
        self._key = settings.push_api_key
        self._session: aiohttp.ClientSession | None = None

    async def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=self._base,
                headers={"Authorization": f"key={self._key}"},
            )
        return self._session

    async def send(self, token: str, title: str, body: str, data: dict | None = None) -> None:
        payload = {"to": token, "notification": {"title": title, "body": body}, "data": data or {}}
        last_status = None
        for attempt in range(3):
            session = await self._get_session()
            async with session.post("/v1/send", json=payload) as resp:
                last_status = resp.status
                if resp.status < 500:
                    if resp.status >= 400:
                        raise PushError(f"push rejected: {resp.status} {await resp.text()}")
                    return
            log.info("push provider returned %s, retrying", last_status)
            time.sleep(0.25 * 2**attempt)
        raise PushError(f"push provider unavailable (last status {last_status})")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
