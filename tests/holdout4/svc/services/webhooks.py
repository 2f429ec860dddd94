"""Outgoing webhooks to workspace integrations."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import httpx

from svc.db.models import Webhook

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Chat-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class DeliveryFailed(Exception):
    def __init__(self, webhook_id: int, status: int | None, reason: str) -> None:
        super().__init__(f"webhook {webhook_id}: {reason}")
        self.webhook_id = webhook_id
        self.status = status


class WebhookDispatcher:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def deliver(self, hook: Webhook, event: str, payload: dict[str, Any]) -> int:
        body = json.dumps({"event": event, "data": payload}, separators=(",", ":")).encode()
        timestamp = int(time.time())
        headers = {"content-type": "application/json", SIGNATURE_HEADER: sign(hook.secret, timestamp, body)}
        response = await self._http.post(hook.url, content=body, headers=headers)
        if response.status_code >= 400:
            raise DeliveryFailed(hook.id, response.status_code, response.reason_phrase)
        return response.status_code

    async def notify_members(self, hooks: list[Webhook], event: str, payload: dict[str, Any]) -> list[Any]:
        return await asyncio.gather(
            *(self.deliver(hook, event, payload) for hook in hooks), return_exceptions=True
        )


async def invoke_slash_command(command_url: str, secret: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {"content-type": "application/json", SIGNATURE_HEADER: sign(secret, int(time.time()), body)}
    async with httpx.AsyncClient(timeout=5.0) as client:
        try:
            response = await client.post(command_url, content=body, headers=headers)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("slash command %s failed: %s", command_url, exc)
            return None
    reply = response.json()
    return reply if isinstance(reply, dict) else None
