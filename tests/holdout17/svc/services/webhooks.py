"""Merchant webhooks: subscriptions, event emission into the outbox, and signed delivery."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import WebhookEndpoint
from svc.repositories.webhooks import WebhookRepository

SIGNATURE_HEADER = "X-Parcel-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


class WebhookSender:
    """Signs and POSTs one event to a merchant endpoint."""

    def __init__(self, timeout_s: float) -> None:
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout_s, connect=3.0), follow_redirects=False)
        self._send_lock = asyncio.Lock()

    async def deliver(self, url: str, secret: str, event_type: str, body: bytes) -> int:
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "X-Parcel-Event": event_type,
            SIGNATURE_HEADER: sign(secret, timestamp, body),
        }
        async with self._send_lock:
            response = await self._http.post(url, content=body, headers=headers)
        return response.status_code

    async def aclose(self) -> None:
        await self._http.aclose()


class WebhookService:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory

    async def register(self, merchant_id: int, url: str, event_types: list[str]) -> WebhookEndpoint:
        async with self._session_factory() as session:
            return await WebhookRepository(session).register_endpoint(merchant_id, url, event_types)

    async def emit(self, merchant_id: int, event_type: str, payload: dict[str, Any], event_id: str | None = None) -> int:
        async with self._session_factory() as session:
            repo = WebhookRepository(session)
            endpoints = await repo.endpoints_for_merchant(merchant_id)
            targets = [e.id for e in endpoints if event_type in e.event_types]
            return await repo.enqueue(targets, event_id or uuid.uuid4().hex, event_type, payload)

    async def dashboard(self, merchant_id: int) -> list[dict[str, Any]]:
        async with self._session_factory() as session:
            repo = WebhookRepository(session)
            endpoints = await repo.endpoints_for_merchant(merchant_id)
            failed = await repo.failure_counts(endpoints)
            pending = await repo.pending_counts([e.id for e in endpoints])
        return [
            {"id": e.id, "url": e.url, "events": e.event_types, "failed": failed.get(e.id, 0), "pending": pending.get(e.id, 0)}
            for e in endpoints
        ]
