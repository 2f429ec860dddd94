from __future__ import annotations

import logging
from datetime import datetime, timezone

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.db import transaction
from ..core.errors import Conflict, NotFound
from ..models import Conference, User
from ..repositories.conferences import ConferenceRepository
from ..repositories.registrations import RegistrationRepository

log = logging.getLogger(__name__)


class RegistrationService:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self.session = session
        self.pool = pool
        self.conferences = ConferenceRepository(session)
        self.regs = RegistrationRepository(pool)

    @staticmethod
    def price_for(conf: Conference, now: datetime) -> int:
        if now > conf.early_bird_deadline:
            return conf.early_fee_cents
        return conf.fee_cents

    async def register(self, conference_id: int, user: User) -> dict:
        conf = await self.conferences.get(conference_id)
        if conf is None:
            raise NotFound("conference")
        if conf.seats_taken >= conf.capacity:
            raise Conflict("sold out")
        price = self.price_for(conf, datetime.now(timezone.utc))
        async with transaction(self.pool) as conn:
            reg = await self.regs.create(conn, conference_id, user.id, price)
        conf.seats_taken = conf.seats_taken + 1
        await self.session.commit()
        log.info("user %s registered for conference %s at %d", user.id, conference_id, price)
        return {"id": reg["id"], "price_cents": price, "currency": conf.currency}

    async def register_speaker(self, conference_id: int, user: User) -> dict:
        if not await self.conferences.reserve_seat(conference_id):
            raise Conflict("sold out")
        async with transaction(self.pool) as conn:
            reg = await self.regs.create(conn, conference_id, user.id, 0)
        await self.session.commit()
        return {"id": reg["id"], "price_cents": 0}

    async def mine(self, conference_id: int, user: User) -> dict | None:
        row = await self.regs.get_for_user(conference_id, user.id)
        return dict(row) if row else None

    async def transfer(self, source_id: int, target_id: int) -> None:
        await self.regs.transfer(source_id, target_id)
