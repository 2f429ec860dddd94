"""Daily per-org build digest email."""
from __future__ import annotations

import asyncio
import logging
import smtplib
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage

from sqlalchemy import select

from svc.config import get_settings
from svc.db.engine import SessionFactory
from svc.db.models import Org
from svc.repositories.builds import BuildRepository

logger = logging.getLogger(__name__)

SEND_HOUR_UTC = 6


def _seconds_until_next_run(now: datetime) -> float:
    target = now.replace(hour=SEND_HOUR_UTC, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


def _render(org: Org, day: date, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    lines = [f"Build summary for {org.name} on {day.isoformat()}", "", f"Total builds: {total}"]
    lines += [f"  {status}: {count}" for status, count in sorted(counts.items())]
    return "\n".join(lines)


async def send_digests(day: date) -> int:
    settings = get_settings()
    sent = 0
    async with SessionFactory() as session:
        orgs = (await session.execute(select(Org).where(Org.notify_email.is_not(None)))).scalars().all()
        builds = BuildRepository(session)
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            for org in orgs:
                counts = await builds.daily_counts(org.id, day)
                if not counts:
                    continue
                msg = EmailMessage()
                msg["From"] = settings.mail_from
                msg["To"] = org.notify_email
                msg["Subject"] = f"[CI] Daily summary for {org.name}"
                msg.set_content(_render(org, day, counts))
                smtp.send_message(msg)
                sent += 1
    return sent


async def run_digest_scheduler(stop: asyncio.Event) -> None:
    while not stop.is_set():
        delay = _seconds_until_next_run(datetime.now(timezone.utc))
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
            return
        except asyncio.TimeoutError:
            pass
        yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
        try:
            count = await send_digests(yesterday)
            logger.info("sent %d digest emails for %s", count, yesterday)
        except Exception:
            logger.exception("digest run failed")
