"""Transactional mail relay client."""
from __future__ import annotations

import httpx

from relay.resilience import logged, transient_retry


class MailRelay:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @transient_retry()
    async def send(self, to: list[str], subject: str, html: str, *, category: str) -> None:
        response = await self._http.post("/v1/messages", json={"to": to, "subject": subject, "html": html,
                                                               "category": category})
        response.raise_for_status()

    @logged
    async def send_raw(self, payload: dict) -> None:
        response = await self._http.post("/v1/raw", json=payload)
        response.raise_for_status()
