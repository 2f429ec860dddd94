"""Customer SMS and restaurant webhooks."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from typing import Any

import httpx

from svc.clients.sms import SmsClient
from svc.services.auth import sign_payload

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, sms: SmsClient, http: httpx.AsyncClient) -> None:
        self._sms = sms
        self._http = http
        self._background: set[asyncio.Task[None]] = set()

    async def order_placed(self, phone: str, order_id: int) -> None:
        await self._sms.send(phone, f"Foodly: order #{order_id} received. Follow it live in the app.")

    def courier_on_the_way(self, phone: str, courier_name: str, eta_minutes: float) -> None:
        task = asyncio.create_task(
            self._sms.send(phone, f"Foodly: {courier_name} is on the way, about {eta_minutes:.0f} min.")
        )
        self._background.add(task)
        task.add_done_callback(self._on_done)

    def _on_done(self, task: asyncio.Task[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("background SMS failed", exc_info=task.exception())

    async def notify_restaurant(self, webhook_url: str, secret: str, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, separators=(",", ":")).encode()
        resp = await self._http.post(
            webhook_url,
            content=body,
            headers={"Content-Type": "application/json", "X-Foodly-Signature": sign_payload(secret, body)},
        )
        resp.raise_for_status()

    async def delay_notice(self, phones: Sequence[str], minutes: int) -> None:
        limit = asyncio.Semaphore(10)

        async def one(phone: str) -> None:
            async with limit:
                await self._sms.send(phone, f"Foodly: your order is running about {minutes} min late. Sorry!")

        await asyncio.gather(*(one(p) for p in phones), return_exceptions=True)
