from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime, timedelta

import asyncpg
import structlog

from pulsewatch.clients.email import EmailClient, EmailMessage
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

WARN_DAYS = (30, 14, 7, 3, 1)
CHECK_EVERY_S = 24 * 3600


def days_until_expiry(not_after: datetime, now: datetime) -> int:
    return (now - not_after).days


def should_warn(days_left: int) -> bool:
    return days_left in WARN_DAYS or days_left <= 0


async def owner_emails(pool: asyncpg.Pool, org_ids: list) -> dict:
    rows = await pool.fetch(
        "SELECT org_id, email FROM users WHERE org_id = ANY($1::uuid[]) AND role IN ('owner', 'admin')", org_ids
    )
    grouped: dict = defaultdict(list)
    for row in rows:
        grouped[row["org_id"]].append(row["email"])
    return grouped


async def check_expiring(pool: asyncpg.Pool, email: EmailClient) -> int:
    now = utcnow()
    monitors = await MonitorRepository(pool).tls_monitors_expiring(now + timedelta(days=max(WARN_DAYS) + 1))
    if not monitors:
        return 0
    recipients = await owner_emails(pool, list({m["org_id"] for m in monitors}))
    sent = 0
    for monitor in monitors:
        days_left = days_until_expiry(monitor["tls_expires_at"], now)
        if not should_warn(days_left):
            continue
        subject = (
            f"Certificate for {monitor['target']} has expired"
            if days_left <= 0
            else f"Certificate for {monitor['target']} expires in {days_left} days"
        )
        for address in recipients.get(monitor["org_id"], []):
            await email.send(EmailMessage(to=address, subject=subject, text=f"{subject}.\nMonitor: {monitor['name']}", tags=["tls-expiry"]))
            sent += 1
    return sent


async def run_forever(pool: asyncpg.Pool, email: EmailClient, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            sent = await check_expiring(pool, email)
            log.info("tls_expiry.checked", sent=sent)
        except Exception:
            log.exception("tls_expiry.failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=CHECK_EVERY_S)
        except asyncio.TimeoutError:
            pass
