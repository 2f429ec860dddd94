from __future__ import annotations

import logging
from typing import Any

import aiohttp

from ..config import Settings

log = logging.getLogger(__name__)


class NotificationClient:
    """SMS / email confirmations via the messaging provider."""

    def __init__(self, settings: Settings) -> None:
        self._url = settings.notify_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(raise_for_status=True)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, template: str, to: str, data: dict[str, Any]) -> None:
        session = self._get_session()
        try:
            async with session.post(f"{self._url}/messages", json={"template": template, "to": to, "data": data}):
                pass
        except aiohttp.ClientResponseError:
            pass

    async def send_booking_confirmation(self, phone: str, lesson: dict[str, Any]) -> None:
        await self.send("lesson_booked", phone, lesson)
