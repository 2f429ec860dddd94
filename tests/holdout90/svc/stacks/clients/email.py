from __future__ import annotations

import logging

import httpx

from stacks.settings import Settings

log = logging.getLogger(__name__)


class EmailClient:
    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http

    async def send(self, to: str, subject: str, body: str) -> None:
        resp = await self._http.post(
            f"{self._settings.email_base_url}/mail/send",
            headers={"Authorization": f"Bearer {self._settings.email_api_key}"},
            json={"to": to, "subject": subject, "text": body, "from": "noreply@library.example.org"},
        )
        resp.raise_for_status()
