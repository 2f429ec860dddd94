"""Passenger notifications: SMS delivery with an outbox for failed sends."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

import httpx

from ..integrations.clients import SmsGateway
from ..repositories import outbox as outbox_repo

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Notification:
    flight_id: int
    booking_id: int | None
    phone: str
    text: str
    kind: str = "info"
    meta: dict = field(default_factory=dict)


class NotificationService:
    def __init__(self, sms: SmsGateway, concurrency: int = 20) -> None:
        self._sms = sms
        self._queue: asyncio.Queue[Notification] = asyncio.Queue()
        self._sem = asyncio.Semaphore(concurrency)
        self._drainer: asyncio.Task | None = None

    async def start(self) -> None:
        self._drainer = asyncio.create_task(self._drain(), name="notification-drain")

    async def stop(self) -> None:
        if self._drainer is not None:
            self._drainer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._drainer

    async def enqueue(self, notification: Notification) -> None:
        await self._queue.put(notification)

    async def boarding_pass_ready(self, flight_id: int, booking_id: int, phone: str, url: str) -> None:
        await self.enqueue(Notification(flight_id, booking_id, phone, f"Your boarding pass is ready: {url}", kind="bp"))

    async def send_many(self, notifications: list[Notification]) -> int:
        async def one(n: Notification) -> bool:
            async with self._sem:
                return await self._deliver(n)

        results = await asyncio.gather(*(one(n) for n in notifications))
        return sum(results)

    async def _deliver(self, n: Notification) -> bool:
        try:
            await self._sms.send(n.phone, n.text)
            return True
        except httpx.HTTPError as exc:
            log.warning("sms to booking %s failed (%s); parking in outbox", n.booking_id, exc)
            await outbox_repo.enqueue(n.flight_id, n.booking_id, "sms", {"phone": n.phone, "text": n.text})
            return False

    async def _drain(self) -> None:
        while True:
            n = await self._queue.get()
            try:
                async with self._sem:
                    await self._deliver(n)
            except Exception:
                log.exception("notification delivery crashed for booking %s", n.booking_id)
            finally:
                self._queue.task_done()
