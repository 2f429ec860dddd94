"""Outbound member messaging: NotifyHub push and Postbird transactional email."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp
import httpx

from svc.clients.resilience import CircuitBreaker, CircuitOpen, transient_retry
from svc.config import Settings

logger = logging.getLogger(__name__)


class PushClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.push_base_url
        self._api_key = settings.push_api_key
        self._breaker = CircuitBreaker("notifyhub", failure_threshold=10, reset_after=20.0)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            headers={"Authorization": f"Key {self._api_key}"},
            timeout=aiohttp.ClientTimeout(total=8, connect=2),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @transient_retry(attempts=2)
    async def _post(self, path: str, payload: dict[str, Any]) -> None:
        assert self._session is not None
        async with self._session.post(path, json=payload) as resp:
            resp.raise_for_status()

    async def send(self, device_tokens: list[str], title: str, body: str) -> bool:
        """Deliver to a member's devices; returns False when push is unavailable so callers can fall back."""
        if not device_tokens:
            return False
        payload = {"tokens": device_tokens, "notification": {"title": title, "body": body}}
        try:
            await self._breaker.call(self._post, "/v1/send", payload)
        except (CircuitOpen, aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("push delivery failed: %s", exc)
            return False
        return True


class EmailClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.email_base_url
        self._api_key = settings.email_api_key

    @transient_retry()
    async def send_template(self, to: str, template: str, context: dict[str, Any]) -> str:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=10.0) as client:
            resp = await client.post(
                "/messages",
                json={"to": to, "template": template, "variables": context},
                headers={"Authorization": f"Bearer {self._api_key}"},
            )
            resp.raise_for_status()
            return resp.json()["message_id"]
