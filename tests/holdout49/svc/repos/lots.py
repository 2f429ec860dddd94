from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Lot, LotImage, Watch


class LotRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, lot_id: int) -> Lot | None:
        return await self.session.get(Lot, lot_id)

    async def get_for_update(self, lot_id: int) -> Lot | None:
        stmt = select(Lot).where(Lot.id == lot_id).with_for_update()
        return await self.session.scalar(stmt)

    async def list_open(self, category: str | None, limit: int, offset: int) -> list[Lot]:
        stmt = select(Lot).where(Lot.status == "open")
        if category:
            stmt = stmt.where(Lot.category == category)
        stmt = stmt.order_by(Lot.ends_at).limit(limit).offset(offset)
        return list(await self.session.scalars(stmt))

    async def expiring(self, now: datetime, limit: int) -> list[Lot]:
        stmt = (
            select(Lot)
            .where(Lot.status == "open", Lot.ends_at <= now)
            .order_by(Lot.ends_at)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def due_to_open(self, now: datetime) -> int:
        result = await self.session.execute(
            update(Lot).where(Lot.status == "scheduled", Lot.starts_at <= now).values(status="open")
        )
        return result.rowcount or 0

    async def featured(self) -> list[Lot]:
        stmt = select(Lot).where(Lot.status == "open").order_by(func.random()).limit(12)
        return list(await self.session.scalars(stmt))

    async def by_seller(self, seller_id: int) -> list[Lot]:
        stmt = select(Lot).where(Lot.seller_id == seller_id).order_by(Lot.ends_at.desc()).limit(100)
        return list(await self.session.scalars(stmt))

    async def set_status(self, lot_id: int, status: str) -> None:
        await self.session.execute(update(Lot).where(Lot.id == lot_id).values(status=status))

    async def images(self, lot_id: int) -> list[LotImage]:
        return list(await self.session.scalars(select(LotImage).where(LotImage.lot_id == lot_id)))

    async def add_image(self, lot_id: int, path: str) -> LotImage:
        image = LotImage(lot_id=lot_id, path=path)
        self.session.add(image)
        await self.session.flush()
        return image

    async def add_watch(self, user_id: int, lot_id: int) -> None:
        stmt = insert(Watch).values(user_id=user_id, lot_id=lot_id).on_conflict_do_nothing(
            index_elements=["user_id", "lot_id"]
        )
        await self.session.execute(stmt)

    async def remove_watch(self, user_id: int, lot_id: int) -> None:
        await self.session.execute(delete(Watch).where(Watch.user_id == user_id, Watch.lot_id == lot_id))

    async def watched_lots(self, user_id: int) -> list[Lot]:
        stmt = (
            select(Lot)
            .join(Watch, Watch.lot_id == Lot.id)
            .where(Watch.user_id == user_id)
            .order_by(Lot.ends_at)
            .limit(200)
        )
        return list(await self.session.scalars(stmt))

    async def watchers_for_lots(self, lot_ids: list[int]) -> dict[int, list[int]]:
        if not lot_ids:
            return {}
        rows = await self.session.execute(select(Watch.lot_id, Watch.user_id).where(Watch.lot_id.in_(lot_ids)))
        out: dict[int, list[int]] = {}
        for lot_id, user_id in rows:
            out.setdefault(lot_id, []).append(user_id)
        return out

    async def ending_between(self, start: datetime, end: datetime, limit: int = 500) -> list[Lot]:
        stmt = (
            select(Lot)
            .where(Lot.status == "open", Lot.ends_at > start, Lot.ends_at <= end)
            .order_by(Lot.ends_at)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def update_fields(self, lot_id: int, **fields: object) -> int:
        result = await self.session.execute(
            update(Lot).where(Lot.id == lot_id, Lot.status == "scheduled").values(**fields)
        )
        return result.rowcount or 0
