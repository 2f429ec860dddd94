from __future__ import annotations

import logging

import httpx

from ..core.settings import Settings

log = logging.getLogger(__name__)


class Mailer:
    """Transactional mail API (JSON over HTTPS)."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.mail_api_url,
            headers={"Authorization": f"Bearer {settings.mail_api_key}"},
        )
        self._from = "program-committee@confer.example"

    async def send(self, to: str, subject: str, body: str, *, tag: str = "general") -> str:
        resp = await self._client.post(
            "/messages",
            json={"from": self._from, "to": [to], "subject": subject, "text": body, "tags": [tag]},
        )
        resp.raise_for_status()
        message_id = resp.json()["id"]
        log.info("mail queued tag=%s id=%s", tag, message_id)
        return message_id

    async def aclose(self) -> None:
        await self._client.aclose()
