from __future__ import annotations

import aiohttp
import structlog

from payflow.settings import get_settings

log = structlog.get_logger(__name__)


class EmailClient:
    """Transactional mail API (payslip notices, reminders, year-end form notices)."""

    def __init__(self) -> None:
        self._settings = get_settings()
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.email_api_url,
            headers={"Authorization": f"Bearer {self._settings.email_api_key}"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send_many(self, messages: list[dict], *, tag: str = "payflow") -> list[str]:
        """Batch endpoint: up to 100 messages per call."""
        assert self._session is not None, "EmailClient.start() not called"
        ids: list[str] = []
        for offset in range(0, len(messages), 100):
            chunk = messages[offset : offset + 100]
            async with self._session.post(
                "/messages/batch",
                json={
                    "messages": [
                        {"from": self._settings.email_from, "to": [m["to"]], "subject": m["subject"], "html": m["html"], "tags": [tag]}
                        for m in chunk
                    ]
                },
            ) as resp:
                resp.raise_for_status()
                body = await resp.json()
            ids.extend(item["id"] for item in body["data"])
        return ids

    async def send(self, to: str, subject: str, html: str, *, tag: str = "payflow") -> str:
        assert self._session is not None, "EmailClient.start() not called"
        async with self._session.post(
            "/messages",
            json={
                "from": self._settings.email_from,
                "to": [to],
                "subject": subject,
                "html": html,
                "tags": [tag],
            },
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["id"]
