"""Daily reminder e-mails for crew certificates about to expire."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from email.message import EmailMessage

import aiosmtplib
from sqlalchemy.ext.asyncio import async_sessionmaker

from fleetwise.repositories.crew import CrewRepository
from fleetwise.services.crew import WARN_DAYS
from fleetwise.utils.timeutil import utcnow

log = logging.getLogger(__name__)

SMTP_HOST = "smtp.internal"
SENDER = "crewing@fleetwise.example"


async def send_reminders(sessions: async_sessionmaker) -> int:
    today = utcnow().date()
    async with sessions() as session:
        expiring = await CrewRepository(session).expiring_between(today, today + timedelta(days=WARN_DAYS))
    sent = 0
    async with aiosmtplib.SMTP(hostname=SMTP_HOST, port=25, timeout=20) as smtp:
        for cert, member in expiring:
            msg = EmailMessage()
            msg["From"] = SENDER
            msg["To"] = member.email
            msg["Subject"] = f"Certificate {cert.code} expires on {cert.expires_on:%d %b %Y}"
            msg.set_content(f"Dear {member.full_name},\n\nplease arrange renewal of {cert.code}.\n")
            await smtp.send_message(msg)
            sent += 1
    return sent


async def reminder_loop(sessions: async_sessionmaker, interval: float = 24 * 3600) -> None:
    while True:
        try:
            count = await send_reminders(sessions)
            log.info("certificate reminders sent: %d", count)
        except Exception:
            log.exception("certificate reminder run failed")
        await asyncio.sleep(interval)
