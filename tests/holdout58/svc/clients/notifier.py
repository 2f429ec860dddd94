"""Outbound notifications: the paging provider for alerts and customer webhooks for rollouts."""
from __future__ import annotations

import asyncio
import json
import logging
import time

import aiohttp

from ..utils.errors import NotificationError
from ..utils.hashing import sign_payload

logger = logging.getLogger(__name__)


def _pause(attempt: int) -> None:
    time.sleep(min(0.25 * 2**attempt, 2.0))


class PagerNotifier:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={"Authorization": f"Token {self._api_key}"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send_alert(self, *, rule_id: str, device_id: str, severity: str, summary: str) -> str:
        assert self._session is not None, "notifier not started"
        payload = {
            "routing_key": rule_id,
            "event_action": "trigger",
            "dedup_key": f"{rule_id}:{device_id}",
            "payload": {"summary": summary, "severity": severity, "source": device_id},
        }
        for attempt in range(3):
            try:
                async with self._session.post("/v2/enqueue", json=payload) as resp:
                    if resp.status >= 500:
                        raise NotificationError(f"provider returned {resp.status}")
                    resp.raise_for_status()
                    body = await resp.json()
                    return body["dedup_key"]
            except (aiohttp.ClientError, asyncio.TimeoutError, NotificationError) as exc:
                if attempt == 2:
                    raise NotificationError(f"paging failed for {device_id}") from exc
                logger.warning("paging attempt %d for %s failed: %s", attempt + 1, device_id, exc)
                _pause(attempt)
        raise NotificationError("unreachable")


async def deliver_webhook(url: str, secret: str, event: dict) -> bool:
    body = json.dumps(event, separators=(",", ":"), default=str).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Fleet-Signature": sign_payload(secret.encode(), body),
    }
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15)) as session:
        async with session.post(url, data=body, headers=headers) as resp:
            if resp.status >= 300:
                logger.warning("webhook %s answered %s", url, resp.status)
            return resp.status < 300
