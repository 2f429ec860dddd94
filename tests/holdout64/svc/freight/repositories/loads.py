from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..errors import LoadNotFound
from ..models import Load, LoadStatus, Tender, TenderStatus


class LoadRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, load_id: uuid.UUID) -> Load:
        try:
            result = await self.session.execute(select(Load).where(Load.id == load_id))
            return result.scalar_one()
        except NoResultFound:
            raise LoadNotFound(load_id)

    async def get_with_stops(self, load_id: uuid.UUID) -> Load | None:
        stmt = select(Load).options(selectinload(Load.stops)).where(Load.id == load_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_for_update(self, load_id: uuid.UUID) -> Load | None:
        stmt = select(Load).where(Load.id == load_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, load_ids: list[uuid.UUID]) -> dict[uuid.UUID, Load]:
        if not load_ids:
            return {}
        rows = await self.session.scalars(select(Load).where(Load.id.in_(load_ids)))
        return {load.id: load for load in rows}

    async def list_for_shipper(self, shipper_id: uuid.UUID, limit: int = 100) -> list[Load]:
        stmt = (
            select(Load)
            .where(Load.shipper_id == shipper_id)
            .order_by(Load.created_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def board_page(self, after_pickup: datetime | None, limit: int = 50) -> list[Load]:
        stmt = select(Load).where(Load.status == LoadStatus.POSTED)
        if after_pickup is not None:
            stmt = stmt.where(Load.pickup_at > after_pickup)
        stmt = stmt.order_by(Load.pickup_at).limit(limit)
        return list(await self.session.scalars(stmt))

    async def search(self, text: str, limit: int = 50) -> list[Load]:
        pattern = f"%{text}%"
        stmt = (
            select(Load)
            .where(Load.commodity.ilike(pattern) | Load.notes.ilike(pattern) | Load.reference.ilike(pattern))
            .order_by(Load.created_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def list_in_transit(self) -> list[Load]:
        stmt = select(Load).where(Load.status == LoadStatus.IN_TRANSIT)
        return list(await self.session.scalars(stmt))

    async def list_active_for_carrier(self, carrier_id: uuid.UUID) -> list[Load]:
        stmt = select(Load).where(
            Load.carrier_id == carrier_id,
            Load.status.in_([LoadStatus.TENDERED, LoadStatus.BOOKED, LoadStatus.IN_TRANSIT]),
        )
        return list(await self.session.scalars(stmt))

    async def mark_status(self, load_id: uuid.UUID, status: LoadStatus) -> None:
        await self.session.execute(update(Load).where(Load.id == load_id).values(status=status))

    def add(self, load: Load) -> None:
        self.session.add(load)


class TenderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, tender_id: uuid.UUID) -> Tender | None:
        return await self.session.get(Tender, tender_id)

    async def get_for_update(self, tender_id: uuid.UUID) -> Tender | None:
        stmt = select(Tender).where(Tender.id == tender_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def open_for_load(self, load_id: uuid.UUID) -> Tender | None:
        stmt = select(Tender).where(Tender.load_id == load_id, Tender.status == TenderStatus.OFFERED)
        return await self.session.scalar(stmt)

    async def claim_expired(self, now: datetime, batch: int = 200) -> list[Tender]:
        stmt = (
            select(Tender)
            .where(Tender.status == TenderStatus.OFFERED, Tender.expires_at <= now)
            .order_by(Tender.expires_at)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        return list(await self.session.scalars(stmt))

    def add(self, tender: Tender) -> None:
        self.session.add(tender)
