"""Booking notifications (email and SMS) delivered by an in-process dispatcher."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from string import Template
from types import MappingProxyType

from svc.clients.email import EmailClient
from svc.clients.sms import SmsClient
from svc.db.base import SessionLocal
from svc.db.models import Booking, Patient, Slot

logger = logging.getLogger(__name__)

TEMPLATES: dict[str, str] = {
    "confirmed": "Your visit on $when with $practitioner is confirmed.",
    "reminder": "Reminder: your video visit with $practitioner starts at $when. Join: $link",
    "cancelled": "Your visit on $when has been cancelled.",
}

_stats = {"sent": 0, "failed": 0}


@dataclass(frozen=True)
class Notification:
    kind: str
    email: str | None
    phone: str | None
    subject: str
    body: str


class BaseNotifier:
    def __init__(self) -> None:
        self._templates = MappingProxyType({k: Template(v) for k, v in TEMPLATES.items()})

    def render(self, kind: str, **context: str) -> str:
        return self._templates[kind].safe_substitute(context)


class NotificationDispatcher(BaseNotifier):
    def __init__(self, email: EmailClient, sms: SmsClient) -> None:
        super().__init__()
        self._email = email
        self._sms = sms
        self._queue: asyncio.Queue[Notification] = asyncio.Queue()

    async def booking_confirmed(self, booking_id: int) -> None:
        async with SessionLocal() as session:
            booking = await session.get(Booking, booking_id)
            if booking is None:
                return
            patient = await session.get(Patient, booking.patient_id)
            slot = await session.get(Slot, booking.slot_id)
        if patient is None or slot is None:
            return
        body = self.render("confirmed", when=slot.starts_at.strftime("%a %d %b %H:%M"), practitioner="your clinician")
        await self._queue.put(Notification("confirmed", patient.email, patient.phone, "Visit confirmed", body))

    async def enqueue(self, notification: Notification) -> None:
        await self._queue.put(notification)

    async def run(self) -> None:
        while True:
            item = await self._queue.get()
            await self._deliver(item)
            self._queue.task_done()

    async def _deliver(self, item: Notification) -> None:
        if item.email:
            await self._email.send(item.email, item.subject, f"<p>{item.body}</p>")
        if item.phone:
            await self._sms.send(item.phone, item.body)
        _stats["sent"] += 1

    def stats(self) -> dict[str, int]:
        return dict(_stats)
