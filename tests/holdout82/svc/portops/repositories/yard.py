from __future__ import annotations

from sqlalchemy import func, select

from portops.db.models import YardBlock, YardSlot
from portops.repositories.base import SqlRepository


class YardRepository(SqlRepository):
    async def blocks(self, reefer: bool | None = None) -> list[YardBlock]:
        stmt = select(YardBlock).order_by(YardBlock.code)
        if reefer is not None:
            stmt = stmt.where(YardBlock.reefer == reefer)
        return list((await self.session.execute(stmt)).scalars())

    async def free_slots_by_block(self, blocks: list[YardBlock]) -> dict[int, list[YardSlot]]:
        free: dict[int, list[YardSlot]] = {}
        for block in blocks:
            rows = await self.session.execute(select(YardSlot).where(YardSlot.block_id == block.id, YardSlot.container_id.is_(None)))
            free[block.id] = list(rows.scalars())
        return free

    async def occupancy(self) -> dict[int, int]:
        stmt = (
            select(YardSlot.block_id, func.count(YardSlot.container_id))
            .group_by(YardSlot.block_id)
        )
        return {block_id: used for block_id, used in (await self.session.execute(stmt)).all()}

    async def claim_slot(self, block_id: int, container_id: int) -> YardSlot | None:
        stmt = (
            select(YardSlot)
            .where(YardSlot.block_id == block_id, YardSlot.container_id.is_(None))
            .order_by(YardSlot.bay, YardSlot.row, YardSlot.tier)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        slot = (await self.session.execute(stmt)).scalar_one_or_none()
        if slot is not None:
            slot.container_id = container_id
            await self.session.flush()
        return slot

    async def slot_of(self, container_id: int) -> YardSlot | None:
        rows = await self.session.execute(select(YardSlot).where(YardSlot.container_id == container_id))
        return rows.scalar_one_or_none()
