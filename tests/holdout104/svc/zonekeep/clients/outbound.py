"""Outbound notifications: transactional mail API and customer webhooks."""
from __future__ import annotations

import json
from typing import Any

import httpx

from zonekeep.core.logging import get_logger
from zonekeep.core.security import sign_webhook
from zonekeep.core.settings import Settings

log = get_logger("clients.outbound")


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.mail_api_url
        self._client = httpx.AsyncClient()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, to: str, template: str, context: dict[str, object]) -> None:
        resp = await self._client.post(self._url, json={"to": to, "template": template, "context": context})
        resp.raise_for_status()
        log.info("mail queued template=%s to=%s", template, to)


async def deliver(url: str, event: str, payload: dict[str, Any]) -> bool:
    body = json.dumps({"event": event, "data": payload}, separators=(",", ":")).encode()
    client = httpx.AsyncClient(timeout=5.0)
    resp = await client.post(
        url,
        content=body,
        headers={"Content-Type": "application/json", "X-Zonekeep-Signature": sign_webhook(body)},
    )
    if resp.status_code >= 400:
        log.warning("webhook %s to %s failed: %s", event, url, resp.status_code)
        return False
    await client.aclose()
    return True
