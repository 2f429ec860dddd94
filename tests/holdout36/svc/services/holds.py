"""Short-lived inventory holds taken while a guest completes checkout."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import InventoryHold
from svc.repositories import holds as holds_repo
from svc.schemas import HoldIn
from svc.services.inventory import InventoryService

logger = logging.getLogger(__name__)


class NoAvailability(Exception):
    pass


class HoldService:
    def __init__(self, inventory: InventoryService) -> None:
        self._inventory = inventory

    async def place(self, session: AsyncSession, body: HoldIn) -> InventoryHold:
        available = await self._inventory.min_available(
            session, body.hotel_id, body.room_type_id, body.check_in, body.check_out
        )
        if available < body.quantity:
            raise NoAvailability(f"only {available} rooms left")
        hold = InventoryHold(
            hotel_id=body.hotel_id,
            room_type_id=body.room_type_id,
            check_in=body.check_in,
            check_out=body.check_out,
            quantity=body.quantity,
            session_token=body.session_token,
            expires_at=datetime.now(timezone.utc) + timedelta(seconds=settings.hold_ttl_seconds),
        )
        await holds_repo.create(session, hold)
        await session.commit()
        self._inventory.invalidate(body.hotel_id)
        logger.info("hold %s placed for %s x%d", hold.id, body.session_token, body.quantity)
        return hold

    async def release_session(self, session: AsyncSession, token: str) -> int:
        holds = await holds_repo.by_session(session, token)
        released = await holds_repo.release(session, [h.id for h in holds])
        await session.commit()
        for hotel_id in {h.hotel_id for h in holds}:
            self._inventory.invalidate(hotel_id)
        return released


async def expire_holds(session: AsyncSession, inventory: InventoryService) -> int:
    now = datetime.now(timezone.utc)
    expired = await holds_repo.expired(session, now)
    count = await holds_repo.release(session, [h.id for h in expired])
    await session.commit()
    for hotel_id in {h.hotel_id for h in expired}:
        inventory.invalidate(hotel_id)
    return count
