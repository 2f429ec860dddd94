"""Booking jobs: day-before reminder SMS and the no-show sweep."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import select

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Guest, Restaurant
from svc.redis_client import get_redis
from svc.repositories.bookings import BookingRepository
from svc.repositories.deposits import DepositRepository
from svc.repositories.guests import GuestRepository
from svc.services.deposit_service import DepositService
from svc.services.notification_service import NotificationService
from svc.utils.locks import distributed_lock
from svc.utils.timeutil import tz, utcnow

log = logging.getLogger(__name__)

REMINDER_INTERVAL_S = 300


class ReminderWorker:
    def __init__(self, notifier: NotificationService) -> None:
        self.notifier = notifier
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():
            await self.send_due_reminders()
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=REMINDER_INTERVAL_S)
            except asyncio.TimeoutError:
                pass

    def stop(self) -> None:
        self._stop.set()

    async def send_due_reminders(self) -> int:
        async with distributed_lock(get_redis(), "reminder-worker", ttl_ms=REMINDER_INTERVAL_S * 1000) as leader:
            if not leader:
                return 0
            now = utcnow()
            window_start = now + timedelta(hours=settings.reminder_lead_hours - 1)
            window_end = now + timedelta(hours=settings.reminder_lead_hours)
            async with SessionLocal() as session:
                repo = BookingRepository(session)
                due = await repo.due_for_reminder(window_start, window_end, settings.reminder_batch_size)
                if not due:
                    return 0
                guest_rows = await session.execute(
                    select(Guest.id, Guest.phone).where(Guest.id.in_({b.guest_id for b in due}))
                )
                phones = dict(guest_rows.all())
                names = dict((await session.execute(select(Restaurant.id, Restaurant.name))).all())
                zones = dict((await session.execute(select(Restaurant.id, Restaurant.timezone))).all())
                messages = []
                for b in due:
                    local = b.starts_at.astimezone(tz(zones[b.restaurant_id]))
                    body = self.notifier.render(
                        "reminder", restaurant=names[b.restaurant_id], time=local.strftime("%H:%M"), party=b.party_size
                    )
                    messages.append((phones[b.guest_id], body))
                sent = await self.notifier.send_batch(messages)
                await repo.mark_reminded([b.id for b in due], now)
                await session.commit()
            log.info("sent %d/%d reminders", sent, len(due))
            return sent



NO_SHOW_INTERVAL_S = 120


class NoShowWorker:
    def __init__(self, payments) -> None:
        self.payments = payments
        self._stop = asyncio.Event()

    async def run(self) -> None:
        backoff = NO_SHOW_INTERVAL_S
        while not self._stop.is_set():
            try:
                marked = await self.sweep()
                if marked:
                    log.info("marked %d bookings as no-show", marked)
                backoff = NO_SHOW_INTERVAL_S
            except Exception:
                log.exception("no-show sweep failed")
                backoff = min(backoff * 2, 1800)
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=backoff)
            except asyncio.TimeoutError:
                pass

    def stop(self) -> None:
        self._stop.set()

    async def sweep(self) -> int:
        now = utcnow()
        cutoff = now - timedelta(minutes=settings.no_show_grace_minutes)
        async with SessionLocal() as session:
            bookings = BookingRepository(session)
            deposits = DepositRepository(session)
            guests = GuestRepository(session)
            service = DepositService(self.payments, deposits, get_redis())
            overdue = await bookings.overdue_unseated(cutoff, since=now - timedelta(hours=6))
            held = await deposits.get_for_bookings([b.id for b in overdue])
            marked = 0
            for booking in overdue:
                deposit = held.get(booking.id)
                if booking.status == "seated" or "completed":
                    continue
                await bookings.set_status(booking.id, "no_show")
                await guests.record_no_show(booking.guest_id)
                if await service.charge_no_show_fee(deposit, booking):
                    log.info("charged no-show fee for booking %s", booking.id)
                marked += 1
            await session.commit()
        return marked
