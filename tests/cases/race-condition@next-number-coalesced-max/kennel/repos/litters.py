from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Kennel, Litter, Shipment  # noqa: F401


class LitterRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def following_seq(self, kennel_id: int) -> int:
        found = await self.session.execute(
            select(func.coalesce(func.max(Litter.seq), 0)).where(Litter.kennel_id == kennel_id))
        return int(found.scalar_one()) + 1

    async def claim_seq(self, kennel_id: int) -> int:
        found = await self.session.execute(
            update(Kennel).where(Kennel.id == kennel_id)
            .values(litter_counter=Kennel.litter_counter + 1).returning(Kennel.litter_counter))
        return int(found.scalar_one())

    async def save(self, litter: Litter) -> None:
        self.session.add(litter)
        await self.session.flush()


class ShipmentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def top_tracking_no(self) -> int:
        found = await self.session.execute(select(func.coalesce(func.max(Shipment.tracking_no), 5000)))
        return int(found.scalar_one())
