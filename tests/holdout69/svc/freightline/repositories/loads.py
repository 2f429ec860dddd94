"""Load persistence."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from freightline.db.models import Load, LoadStatus, Stop
from freightline.repositories.base import Repository


class LoadRepository(Repository[Load]):
    model = Load

    async def max_reference_number(self) -> int:
        result = await self.session.execute(select(func.coalesce(func.max(Load.reference_number), 100000)))
        return int(result.scalar_one())

    async def list_for_shipper(self, shipper_id: int, *, limit: int = 50, before_id: int | None = None) -> list[Load]:
        stmt = select(Load).where(Load.shipper_id == shipper_id)
        if before_id is not None:
            stmt = stmt.where(Load.id < before_id)
        stmt = stmt.order_by(Load.id.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def open_loads(self, equipment: str, pickup_after: datetime, limit: int = 200) -> list[Load]:
        stmt = (
            select(Load)
            .where(Load.status == LoadStatus.OPEN, Load.pickup_at >= pickup_after, Load.equipment == equipment)
            .order_by(Load.pickup_at)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def search(self, text: str, limit: int = 50) -> list[Load]:
        pattern = f"%{text.lower()}%"
        stmt = (
            select(Load)
            .where(func.lower(Load.origin_city).like(pattern) | func.lower(Load.dest_city).like(pattern))
            .order_by(Load.pickup_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def with_stops(self, load_id: int) -> Load | None:
        stmt = select(Load).options(selectinload(Load.stops)).where(Load.id == load_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def update_fields(self, load_id: int, **changes: object) -> None:
        await self.session.execute(update(Load).where(Load.id == load_id).values(**changes))

    async def try_tender(self, load_id: int, carrier_id: int, rate_cents: int) -> bool:
        stmt = (
            update(Load)
            .where(Load.id == load_id, Load.status == LoadStatus.OPEN)
            .values(status=LoadStatus.TENDERED, carrier_id=carrier_id, agreed_rate_cents=rate_cents)
            .returning(Load.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None

    async def delivered_in_week(self, week_start: datetime) -> list[Load]:
        stmt = (
            select(Load)
            .where(
                Load.status == LoadStatus.DELIVERED,
                Load.paid_out_at.is_(None),
                func.date_trunc("week", Load.delivered_at) == week_start,
            )
            .order_by(Load.carrier_id)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def stops_awaiting_departure(self, arrived_before: datetime) -> list[Stop]:
        stmt = (
            select(Stop)
            .where(Stop.departed_at.is_(None), Stop.arrived_at < arrived_before)
            .order_by(Stop.arrived_at)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def stops_for_loads(self, load_ids: list[int]) -> list[Stop]:
        if not load_ids:
            return []
        stmt = select(Stop).where(Stop.load_id.in_(load_ids)).order_by(Stop.load_id, Stop.id)
        return list((await self.session.execute(stmt)).scalars())
