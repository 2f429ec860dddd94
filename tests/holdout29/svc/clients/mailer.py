"""Transactional e-mail through the internal mail gateway.

The gateway SDK we standardised on is synchronous, so the async entry point
hands the request to a worker thread.
"""

from __future__ import annotations

import asyncio
import logging

import requests

from svc.config import Settings

logger = logging.getLogger(__name__)


class MailerError(Exception):
    pass


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.mailer_url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {settings.mailer_token}"

    def send_sync(self, to: str, template: str, context: dict) -> None:
        try:
            resp = self._session.post(
                self._url, json={"to": to, "template": template, "context": context}, timeout=(3, 10)
            )
            resp.raise_for_status()
        except requests.RequestException as exc:
            raise MailerError(str(exc)) from exc

    async def send(self, to: str, template: str, context: dict) -> None:
        await asyncio.to_thread(self.send_sync, to, template, context)

    def close(self) -> None:
        self._session.close()
