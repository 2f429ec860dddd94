"""Appointment and vaccination reminders over SMS and email."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from string import Template

from svc.clients.email import send_email
from svc.clients.sms import SmsError, send_sms
from svc.db.pg import pool

log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
SMS_MIN_INTERVAL = 6 * 3600

_last_sms_at: dict[int, float] = {}


@dataclass
class DueReminder:
    appointment_id: int
    owner_id: int
    owner_name: str
    phone: str | None
    email: str | None
    sms_opt_in: bool
    pet_name: str
    clinic_name: str
    starts_at: datetime


def _load_template(name: str) -> Template:
    return Template((TEMPLATE_DIR / name).read_text(encoding="utf-8"))


_EMAIL_TEMPLATE = _load_template("reminder_email.txt")


async def due_reminders(window: timedelta, limit: int) -> list[DueReminder]:
    now = datetime.now(timezone.utc)
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            """
            SELECT a.id AS appointment_id, o.id AS owner_id, o.full_name AS owner_name, o.phone, o.email,
                   o.sms_opt_in, p.name AS pet_name, c.name AS clinic_name, a.starts_at
            FROM appointments a
            JOIN pets p ON p.id = a.pet_id
            JOIN owners o ON o.id = p.owner_id
            JOIN clinics c ON c.id = a.clinic_id
            WHERE a.status = 'booked' AND a.reminder_sent_at IS NULL
              AND a.starts_at BETWEEN $1 AND $2
            ORDER BY a.starts_at
            LIMIT $3
            """,
            now,
            now + window,
            limit,
        )
    return [DueReminder(**dict(r)) for r in rows]


async def mark_sent(appointment_id: int, channel: str, provider_id: str | None) -> None:
    async with pool().acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE appointments SET reminder_sent_at = now() WHERE id = $1", appointment_id)
            await conn.execute(
                "INSERT INTO reminder_log (appointment_id, channel, sent_at, provider_id) VALUES ($1, $2, now(), $3)",
                appointment_id,
                channel,
                provider_id,
            )


def _sms_text(r: DueReminder) -> str:
    template = _load_template("reminder_sms.txt")
    return template.safe_substitute(
        owner=r.owner_name.split()[0],
        pet=r.pet_name,
        clinic=r.clinic_name,
        when=r.starts_at.strftime("%a %d %b %H:%M"),
    )


async def send_one(r: DueReminder) -> bool:
    if r.sms_opt_in and r.phone:
        last = _last_sms_at.get(r.owner_id, 0.0)
        if time.time() - last < SMS_MIN_INTERVAL:
            return False
        try:
            provider_id = await send_sms(r.phone, _sms_text(r))
        except SmsError:
            await mark_sent(r.appointment_id, "sms-failed", None)
            return False
        _last_sms_at[r.owner_id] = time.time()
        await mark_sent(r.appointment_id, "sms", provider_id)
        return True
    if r.email:
        body = _EMAIL_TEMPLATE.safe_substitute(owner=r.owner_name, pet=r.pet_name, clinic=r.clinic_name,
                                               when=r.starts_at.isoformat())
        await send_email(r.email, f"Reminder: {r.pet_name} at {r.clinic_name}", body)
        await mark_sent(r.appointment_id, "email", None)
        return True
    return False


async def send_all(reminders: list[DueReminder]) -> int:
    results = await asyncio.gather(*(send_one(r) for r in reminders), return_exceptions=True)
    return sum(1 for ok in results if ok is True)


async def send_all_bounded(reminders: list[DueReminder], concurrency: int = 10) -> int:
    sem = asyncio.Semaphore(concurrency)

    async def _guarded(r: DueReminder) -> bool:
        async with sem:
            return await send_one(r)

    results = await asyncio.gather(*(_guarded(r) for r in reminders), return_exceptions=True)
    for r, res in zip(reminders, results):
        if isinstance(res, BaseException):
            log.error("reminder for appointment %s failed", r.appointment_id, exc_info=res)
    return sum(1 for ok in results if ok is True)
