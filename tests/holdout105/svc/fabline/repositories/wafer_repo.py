"""Wafer persistence."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.lot import Wafer


class WaferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_for_lot(self, lot_id: int) -> list[Wafer]:
        stmt = select(Wafer).where(Wafer.lot_id == lot_id).order_by(Wafer.slot)
        return list((await self.session.scalars(stmt)).all())

    async def list_for_lots(self, lot_ids: list[int]) -> dict[int, list[Wafer]]:
        stmt = select(Wafer).where(Wafer.lot_id.in_(lot_ids)).order_by(Wafer.lot_id, Wafer.slot)
        grouped: dict[int, list[Wafer]] = {lot_id: [] for lot_id in lot_ids}
        for wafer in (await self.session.scalars(stmt)).all():
            grouped[wafer.lot_id].append(wafer)
        return grouped

    async def get_by_scribe(self, scribe: str) -> Wafer | None:
        stmt = select(Wafer).where(Wafer.scribe == scribe)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def scrap(self, wafer_ids: list[int]) -> int:
        stmt = update(Wafer).where(Wafer.id.in_(wafer_ids)).values(status="SCRAP")
        return (await self.session.execute(stmt)).rowcount
