from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from apron.models import Bag, BagScan


class BagRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_by_tag_number(self, tag_number: str) -> Bag | None:
        return (await self._session.scalars(select(Bag).where(Bag.tag_number == tag_number))).first()

    async def bags_for_flight(self, flight_id: int) -> Sequence[Bag]:
        return (await self._session.scalars(select(Bag).where(Bag.flight_id == flight_id))).all()

    async def transfers_onto(self, onward_flight_id: int) -> Sequence[Bag]:
        stmt = select(Bag).where(Bag.onward_flight_id == onward_flight_id, Bag.status != "LOADED")
        return (await self._session.scalars(stmt)).all()

    async def scans_for(self, bag_id: int, limit: int = 20) -> Sequence[BagScan]:
        stmt = select(BagScan).where(BagScan.bag_id == bag_id).order_by(BagScan.scanned_at.desc()).limit(limit)
        return (await self._session.scalars(stmt)).all()

    async def history_for_tag(self, tag_number: str) -> Sequence[BagScan]:
        stmt = select(BagScan).where(BagScan.tag_number == tag_number).order_by(BagScan.scanned_at)
        return (await self._session.scalars(stmt)).all()

    async def search(self, fragment: str, limit: int = 50) -> Sequence[Bag]:
        stmt = select(Bag).where(Bag.tag_number.like(f"%{fragment}%")).limit(limit)
        return (await self._session.scalars(stmt)).all()

    async def add_scan(
        self, bag_id: int | None, tag_number: str, location: str, device_id: str, at: datetime
    ) -> BagScan:
        scan = BagScan(bag_id=bag_id, tag_number=tag_number, location=location, device_id=device_id, scanned_at=at)
        self._session.add(scan)
        await self._session.flush()
        return scan

    async def set_status(self, bag_id: int, status: str) -> None:
        await self._session.execute(update(Bag).where(Bag.id == bag_id).values(status=status))

    async def move_to_flight(self, bag_id: int, flight_id: int) -> None:
        await self._session.execute(
            update(Bag).where(Bag.id == bag_id).values(flight_id=flight_id, onward_flight_id=None, status="TRANSFERRED")
        )
