"""Slack incoming-webhook notifier."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import get_settings

logger = logging.getLogger(__name__)


class SlackNotifier:
    def __init__(self) -> None:
        self._url = get_settings().slack_webhook_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def post(self, channel: str, text: str, blocks: list[dict] | None = None) -> None:
        if not self._url or self._session is None:
            return
        payload = {"channel": channel, "text": text, "blocks": blocks or []}
        async with self._session.post(self._url, json=payload) as resp:
            if resp.status != 200:
                body = await resp.text()
                logger.warning("slack rejected message for %s: %s %s", channel, resp.status, body[:200])
