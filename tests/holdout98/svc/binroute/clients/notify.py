from __future__ import annotations

import logging

import httpx

from ..settings import Settings

logger = logging.getLogger(__name__)


class Notifier:
    """SMS and e-mail to crews, residents and commercial customers."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.sms_url)

    async def send_text(self, to: str, body: str) -> bool:
        try:
            resp = await self._http.post("/messages", json={"to": to, "body": body[:480]})
            resp.raise_for_status()
        except httpx.HTTPError:
            pass
        return True

    async def send_email(self, to: str, subject: str, body: str) -> bool:
        try:
            resp = await self._http.post("/email", json={"to": to, "subject": subject, "text": body})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("email to %s failed: %s", to, exc)
            return False
        return True

    async def aclose(self) -> None:
        await self._http.aclose()
