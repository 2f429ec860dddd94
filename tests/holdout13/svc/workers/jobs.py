"""Nightly rate-plan recalculation and the no-show sweeper."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from datetime import date, datetime, timezone
from decimal import Decimal

import httpx
import redis.asyncio as redis
from redis.exceptions import LockError
from sqlalchemy import select

from svc.clients.external import Mailer
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db.models import Room
from svc.db.session import SessionFactory
from svc.repos.catalog import RatePlanRepository
from svc.repos.reservations import ReservationRepository

logger = logging.getLogger(__name__)

WEEKEND_UPLIFT = Decimal("1.15")


def nightly_price(base: Decimal, night: date, occupancy: float) -> Decimal:
    price = base * (WEEKEND_UPLIFT if night.weekday() >= 4 else Decimal("1"))
    if occupancy > 0.85:
        price *= Decimal("1.10")
    elif occupancy < 0.30:
        price *= Decimal("0.92")
    return price.quantize(Decimal("0.01"))


class RatePlanWorker:
    def __init__(self, locks: redis.Redis, occupancy: dict[int, float]) -> None:
        self._locks = locks
        self._occupancy = occupancy

    async def recalculate(self) -> int:
        horizon = settings.rate_plan_horizon_days
        today = datetime.now(timezone.utc).date()
        async with SessionFactory() as session:
            rooms: Sequence[Room] = (await session.execute(select(Room).order_by(Room.id))).scalars().all()
            repo = RatePlanRepository(session)
            rows = [
                {
                    "room_id": room.id,
                    "stay_date": date.fromordinal(today.toordinal() + offset),
                    "price": nightly_price(room.base_rate, date.fromordinal(today.toordinal() + offset),
                                           self._occupancy.get(room.id, 0.5)),
                }
                for room in rooms
                for offset in range(horizon)
            ]
            for start in range(0, len(rows), 2000):
                await repo.upsert_prices(rows[start:start + 2000])
            await session.commit()
        return len(rows)

    async def run_once_locked(self) -> None:
        lock = self._locks.lock("locks:rate-plan-recalc", timeout=1800, blocking_timeout=1)
        if not await lock.acquire():
            logger.info("rate plan recalculation already running elsewhere")
            return
        try:
            count = await self.recalculate()
            logger.info("recalculated %d nightly prices", count)
        finally:
            try:
                await lock.release()
            except LockError:
                logger.warning("rate plan lock expired before release")

    async def run_forever(self, interval: float = 3600.0) -> None:
        backoff = 5.0
        while True:
            try:
                await self.run_once_locked()
                backoff = 5.0
                await asyncio.sleep(interval)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("rate plan recalculation failed; retrying in %.0fs", backoff)
                await asyncio.sleep(backoff + random.random())
                backoff = min(backoff * 2, 600.0)


class NoShowSweeper:
    def __init__(self, repo: ReservationRepository, payments: PaymentsClient, mailer: Mailer, locks: redis.Redis) -> None:
        self._repo = repo
        self._payments = payments
        self._mailer = mailer
        self._locks = locks
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def sweep(self) -> int:
        cutoff = (datetime.now(timezone.utc) - timedelta(hours=settings.no_show_grace_hours)).date()
        overdue = await self._repo.overdue_confirmed(cutoff)
        marked = set(await self._repo.mark_no_show([r["id"] for r in overdue]))
        for row in overdue:
            if row["id"] not in marked:
                continue
            if row["payment_hold_id"]:
                await self._payments.release_hold(row["payment_hold_id"])
            try:
                await self._mailer.send_no_show_notice(row["guest_email"], row["confirmation_code"])
            except httpx.HTTPError:
                continue
        return len(marked)

    async def run_forever(self, interval: float = 900.0) -> None:
        while not self._stop.is_set():
            acquired = await self._locks.set("locks:no-show-sweep", "1", nx=True, ex=int(interval))
            if acquired:
                try:
                    logger.info("no-show sweep marked %d reservations", await self.sweep())
                except Exception:
                    logger.exception("no-show sweep failed")
            await asyncio.sleep(interval)
