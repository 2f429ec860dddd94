"""Signed webhook deliveries to customers' CI. Durable: every delivery is a row, retried by the worker."""
from __future__ import annotations

import asyncio
import json
import logging

import asyncpg
import httpx

from glossa.repositories.jobs import WebhookRepository
from glossa.settings import Settings
from glossa.utils.resilience import backoff_seconds
from glossa.utils.security import sign_payload

logger = logging.getLogger(__name__)


class WebhookDispatcher:
    def __init__(self, repo: WebhookRepository, http: httpx.AsyncClient, settings: Settings) -> None:
        self._repo = repo
        self._http = http
        self._settings = settings

    async def enqueue(self, project_id: int, event: str, payload: dict) -> list[int]:
        endpoints = await self._repo.active_endpoints(project_id, event)
        if not endpoints:
            return []
        ids = await self._repo.create_deliveries([(ep["id"], event, payload) for ep in endpoints])
        # first attempt right away; the worker picks up whatever fails
        for delivery_id in ids:
            asyncio.create_task(self.deliver_now(delivery_id))
        return ids

    async def deliver_now(self, delivery_id: int) -> None:
        row = await self._repo.claim_one(delivery_id)
        if row is None:
            return  # already claimed by the webhook worker
        await self.deliver(row)

    def _signed(self, secret: str, event: str, delivery_id: int, data: dict) -> tuple[bytes, dict[str, str]]:
        body = json.dumps({"event": event, "delivery": delivery_id, "data": data}, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Glossa-Event": event,
            "X-Glossa-Delivery": str(delivery_id),
            "X-Glossa-Signature": "sha256=" + sign_payload(secret, body),
        }
        return body, headers

    async def deliver(self, row: asyncpg.Record) -> bool:
        body, headers = self._signed(row["secret"], row["event"], row["id"], row["payload"])
        status: int | None = None
        try:
            response = await self._http.post(row["url"], content=body, headers=headers)
            status = response.status_code
        except httpx.HTTPError as exc:
            logger.info("webhook delivery %s to %s failed: %r", row["id"], row["url"], exc)
        if status is not None and 200 <= status < 300:
            await self._repo.mark_delivered(row["id"], status)
            return True
        dead = row["attempts"] >= self._settings.webhook_max_attempts
        if dead:
            logger.warning("webhook delivery %s gave up after %d attempts", row["id"], row["attempts"])
        await self._repo.schedule_retry(row["id"], status, backoff_seconds(row["attempts"]), dead)
        return False

    async def send_test(self, endpoint: asyncpg.Record) -> int | None:
        """The "send test event" button: one attempt, the status is shown to the user."""
        body, headers = self._signed(endpoint["secret"], "ping", 0, {"project_id": endpoint["project_id"]})
        try:
            response = await self._http.post(endpoint["url"], content=body, headers=headers)
        except httpx.TransportError as exc:
            logger.info("test webhook to %s failed: %r", endpoint["url"], exc)
            return None
        return response.status_code
