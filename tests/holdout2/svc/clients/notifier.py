"""Push/SMS notifications to on-call contacts through the notification provider."""
from __future__ import annotations

import logging

import aiohttp

from svc.errors import UpstreamError
from svc.settings import Settings

log = logging.getLogger(__name__)


class PushNotifier:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.notifier_url.rstrip("/")
        self._token = settings.notifier_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {self._token}", "Content-Type": "application/json"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, recipient: str, *, title: str, body: str, priority: str = "high") -> str:
        if self._session is None:
            raise RuntimeError("PushNotifier.start() was not called")
        payload = {"to": recipient, "title": title, "body": body, "priority": priority}
        async with self._session.post(f"{self._url}/messages", json=payload) as resp:
            if resp.status >= 400:
                text = await resp.text()
                raise UpstreamError(f"notifier returned {resp.status}", details={"body": text[:500]})
            data = await resp.json()
        log.info("notification %s sent to %s", data.get("id"), recipient)
        return str(data.get("id"))
