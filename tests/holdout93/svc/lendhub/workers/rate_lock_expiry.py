"""Expires rate locks and warns loan officers ahead of expiry."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from ..db import get_sessionmaker
from ..repositories import RateLockRepository
from ..repositories.applications import applications_by_ids
from ..services.notifications import Notifier

log = logging.getLogger(__name__)

WARNING_WINDOW = timedelta(hours=48)


async def sweep_once(notifier: Notifier, officer_emails: dict[int, str]) -> int:
    now = datetime.now(timezone.utc)
    async with get_sessionmaker()() as session:
        repo = RateLockRepository(session)
        expiring = await repo.expiring_before(now + WARNING_WINDOW)
        apps = {row["id"]: row for row in await applications_by_ids([lock.application_id for lock in expiring])}
        expired_ids = []
        for lock in expiring:
            if lock.expires_at <= now:
                expired_ids.append(lock.id)
                continue
            app = apps.get(lock.application_id)
            hours_left = int((lock.expires_at - now).total_seconds() // 3600)
            email = officer_emails.get(app["loan_officer_id"]) if app else None
            if email:
                await notifier.lock_expiring(email, app["loan_number"], hours_left)
        if expired_ids:
            count = await repo.expire(expired_ids, reason="lapsed")
            await session.commit()
            log.info("expired %d rate locks", count)
        return len(expired_ids)


async def run_rate_lock_sweeper(notifier: Notifier, officer_emails: dict[int, str], interval: int) -> None:
    while True:
        await sweep_once(notifier, officer_emails)
        await asyncio.sleep(interval)
