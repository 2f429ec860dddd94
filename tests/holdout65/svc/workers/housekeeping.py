"""Housekeeping jobs: waitlist hold expiry and the nightly finance export."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import settings
from svc.db import pg
from svc.db.engine import SessionLocal
from svc.db.models import Restaurant
from svc.repositories.tables import TableRepository
from svc.repositories.waitlist import WaitlistRepository
from svc.services.floor import FloorEventBus
from svc.services.notification_service import NotificationService
from svc.services.waitlist_service import WaitlistService
from svc.utils.formatting import bookings_to_csv, write_export
from svc.utils.locks import locks
from svc.utils.timeutil import day_bounds, utcnow

log = logging.getLogger(__name__)


async def expire_waitlist_holds(notifier: NotificationService, events: FloorEventBus, interval_s: float = 60.0) -> None:
    while True:
        async with SessionLocal() as session:
            ids = list((await session.scalars(select(Restaurant.id))).all())
            service = WaitlistService(WaitlistRepository(session), TableRepository(pg.pool()), notifier, events, locks)
            total = 0
            for restaurant_id in ids:
                total += await service.expire_stale(restaurant_id)
            await session.commit()
        if total:
            log.info("expired %d waitlist holds", total)
        await asyncio.sleep(interval_s)



EXPORT_SQL = text(
    "SELECT id, restaurant_id, guest_id, party_size, starts_at, status, channel FROM bookings "
    "WHERE restaurant_id = :rid AND starts_at >= :start AND starts_at < :end ORDER BY starts_at"
)


async def export_day(day: date) -> list[str]:
    engine = create_async_engine(settings.database_url, pool_size=2)
    written: list[str] = []
    async with engine.connect() as conn:
        restaurants = (await conn.execute(text("SELECT id, timezone FROM restaurants"))).all()
        for rid, tz_name in restaurants:
            start, end = day_bounds(day, tz_name)
            rows = (await conn.execute(EXPORT_SQL, {"rid": rid, "start": start, "end": end})).mappings().all()
            content = bookings_to_csv(dict(r) for r in rows)
            path = await asyncio.to_thread(write_export, settings.export_dir, f"{rid}/{day.isoformat()}.csv", content)
            written.append(str(path))
    log.info("nightly export for %s wrote %d files", day, len(written))
    return written


async def run_nightly() -> None:
    while True:
        now = utcnow()
        tomorrow = (now + timedelta(days=1)).replace(hour=3, minute=0, second=0, microsecond=0)
        await asyncio.sleep((tomorrow - now).total_seconds())
        await export_day(tomorrow.date() - timedelta(days=1))
