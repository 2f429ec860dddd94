"""Visit reminders: one replica at a time sends SMS and email before each visit."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import LockError

from svc.cache.redis_client import leader_key
from svc.clients.email import EmailClient
from svc.clients.sms import SmsClient
from svc.clients.sms_gateway import SmsGatewayError
from svc.config import Settings

logger = logging.getLogger(__name__)

DUE_SQL = """
SELECT b.id, b.patient_id, s.starts_at, p.name AS practitioner_name
FROM bookings b
JOIN slots s ON s.id = b.slot_id
JOIN practitioners p ON p.id = b.practitioner_id
WHERE b.status = 'confirmed'
  AND b.reminder_sent_at IS NULL
  AND s.starts_at BETWEEN $1 AND $2
"""

PATIENT_SQL = "SELECT id, full_name, email, phone FROM patients WHERE id = $1"


@dataclass(frozen=True)
class Reminder:
    booking_id: int
    starts_at: datetime
    practitioner_name: str
    patient_name: str
    email: str
    phone: str | None


class ReminderScheduler:
    def __init__(
        self, redis: Redis, pool: asyncpg.Pool, sms: SmsClient, email: EmailClient, settings: Settings
    ) -> None:
        self._redis = redis
        self._pool = pool
        self._sms = sms
        self._email = email
        self._lead = timedelta(minutes=settings.reminder_lead_minutes)

    async def run_forever(self, period: float = 30.0) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.lock(leader_key("reminders"), timeout=120, blocking_timeout=1):
                    sent = await self.tick()
                    if sent:
                        logger.info("sent %d reminders", sent)
                backoff = 1.0
                await asyncio.sleep(period)
            except LockError:
                await asyncio.sleep(period)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("reminder tick failed, retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 300.0)

    async def tick(self) -> int:
        now = datetime.now(UTC)
        reminders = await self._load_due(now, now + self._lead)
        outcomes = await asyncio.gather(*(self._send(r) for r in reminders))
        sent_ids = [r.booking_id for r, ok in zip(reminders, outcomes) if ok]
        await self._mark_sent(sent_ids)
        return len(sent_ids)

    async def _load_due(self, start: datetime, end: datetime) -> list[Reminder]:
        reminders: list[Reminder] = []
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(DUE_SQL, start, end)
            for row in rows:
                patient = await conn.fetchrow(PATIENT_SQL, row["patient_id"])
                if patient is None:
                    continue
                reminders.append(
                    Reminder(
                        booking_id=row["id"],
                        starts_at=row["starts_at"],
                        practitioner_name=row["practitioner_name"],
                        patient_name=patient["full_name"],
                        email=patient["email"],
                        phone=patient["phone"],
                    )
                )
        return reminders

    async def _send(self, reminder: Reminder) -> bool:
        when = reminder.starts_at.strftime("%H:%M")
        body = f"Hi {reminder.patient_name}, your video visit with {reminder.practitioner_name} starts at {when}."
        await self._email.send(reminder.email, "Your visit starts soon", f"<p>{body}</p>")
        if reminder.phone:
            try:
                self._sms.send_now(reminder.phone, body)
            except SmsGatewayError:
                return False
        return True

    async def _mark_sent(self, booking_ids: list[int]) -> None:
        if not booking_ids:
            return
        async with self._pool.acquire(timeout=5) as conn:
            for start in range(0, len(booking_ids), 500):
                chunk = booking_ids[start : start + 500]
                await conn.execute(
                    "UPDATE bookings SET reminder_sent_at = now() WHERE id = ANY($1::int[])", chunk
                )
