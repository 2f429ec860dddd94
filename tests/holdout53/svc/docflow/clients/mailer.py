from __future__ import annotations

import logging

import aiohttp

from docflow.config import get_settings

log = logging.getLogger(__name__)


class Mailer:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            connector=aiohttp.TCPConnector(limit=50),
        )

    async def send(self, to: str, subject: str, html: str) -> bool:
        assert self._session is not None
        async with self._session.post(
            get_settings().mailer_url, json={"to": to, "subject": subject, "html": html}
        ) as resp:
            if resp.status >= 400:
                log.warning("mailer rejected message to %s: %s", to, resp.status)
                return False
        return True

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


mailer = Mailer()
