"""Polls the POS for every restaurant and awards loyalty on closed checks."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from svc.clients.pos_api import PosApiClient
from svc.config import settings
from svc.db import pg
from svc.db.engine import SessionLocal
from svc.db.models import Booking, PosCheck, Restaurant
from svc.repositories.guests import LoyaltyRepository
from svc.services.floor import FloorEventBus
from svc.services.loyalty_service import LoyaltyService
from svc.services.pos_sync import PosSyncService

log = logging.getLogger(__name__)

MAX_PARALLEL_RESTAURANTS = 8


class PosPoller:
    def __init__(self, pos: PosApiClient, events: FloorEventBus) -> None:
        self.pos = pos
        self.events = events
        self._sem = asyncio.Semaphore(MAX_PARALLEL_RESTAURANTS)

    async def run(self) -> None:
        while True:
            await self.poll_all()
            await asyncio.sleep(settings.pos_poll_interval_s)

    async def poll_all(self) -> None:
        async with SessionLocal() as session:
            restaurants = list((await session.scalars(select(Restaurant).where(Restaurant.pos_location_id.is_not(None)))).all())
        sync = PosSyncService(self.pos, pg.pool(), self.events)

        async def one(restaurant: Restaurant) -> int:
            async with self._sem:
                return await sync.sync_restaurant(restaurant)

        results = await asyncio.gather(*(one(r) for r in restaurants), return_exceptions=True)
        for restaurant, result in zip(restaurants, results):
            if isinstance(result, Exception):
                log.warning("POS sync failed for %s: %r", restaurant.slug, result)
        await self.award_closed_checks(restaurants)

    async def award_closed_checks(self, restaurants: list[Restaurant]) -> None:
        brands = {r.id: r.slug.split("-")[0] for r in restaurants}
        async with SessionLocal() as session:
            stmt = (
                select(PosCheck, Booking.guest_id)
                .join(Booking, Booking.id == PosCheck.booking_id)
                .where(PosCheck.closed.is_(True), Booking.status == "seated")
            )
            rows = (await session.execute(stmt)).all()
            loyalty = LoyaltyService(session, LoyaltyRepository(pg.pool()))
            for check, guest_id in rows:
                await loyalty.award_for_check(guest_id, check, brands.get(check.restaurant_id, ""))
                booking = await session.get(Booking, check.booking_id)
                if booking is not None:
                    booking.status = "completed"
            await session.commit()
