"""Customer push notifications."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import httpx

from ..models import Customer, Reservation
from ..utils.money import format_amount

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, base_url: str, api_key: str, currency: str = "EUR") -> None:
        self._base_url = base_url
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._currency = currency
        self._tasks: set[asyncio.Task[Any]] = set()

    async def _push(self, customer: Customer, title: str, body: str, data: dict[str, Any] | None = None) -> None:
        if not customer.push_token:
            return
        async with httpx.AsyncClient(base_url=self._base_url, headers=self._headers, timeout=5.0) as client:
            resp = await client.post(
                "/v1/messages", json={"to": customer.push_token, "title": title, "body": body, "data": data or {}}
            )
            resp.raise_for_status()

    def fire_and_forget(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def reservation_confirmed(self, customer: Customer, reservation: Reservation) -> None:
        await self._push(customer, "Booking confirmed", f"Your booking {reservation.code} is confirmed.",
                         {"reservation": str(reservation.id)})

    async def reservation_cancelled(self, customer: Customer, reservation: Reservation) -> None:
        await self._push(customer, "Booking cancelled", f"Booking {reservation.code} was cancelled.",
                         {"reservation": str(reservation.id)})

    async def overdue_reminder(self, customer: Customer, reservation: Reservation, fee_cents: int) -> None:
        body = f"Your rental {reservation.code} is overdue. Late fees so far: {format_amount(fee_cents, self._currency)}."
        await self._push(customer, "Please return your car", body, {"reservation": str(reservation.id)})
