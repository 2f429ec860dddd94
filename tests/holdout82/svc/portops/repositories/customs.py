from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from portops.db.models import CustomsHold
from portops.repositories.base import SqlRepository


class CustomsRepository(SqlRepository):
    async def active_holds_for(self, numbers: list[str]) -> list[CustomsHold]:
        stmt = select(CustomsHold).where(
            CustomsHold.container_number.in_(numbers), CustomsHold.status == "ACTIVE"
        )
        return list((await self.session.execute(stmt)).scalars())

    async def holds_for(self, number: str) -> list[CustomsHold]:
        stmt = select(CustomsHold).where(CustomsHold.container_number == number)
        return list((await self.session.execute(stmt)).scalars())

    async def upsert_hold(self, number: str, hold_code: str, authority_ref: str, status: str, reason: str | None) -> None:
        stmt = insert(CustomsHold).values(
            container_number=number, hold_code=hold_code, authority_ref=authority_ref, status=status, reason=reason
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[CustomsHold.authority_ref],
            set_={"status": stmt.excluded.status, "reason": stmt.excluded.reason},
        )
        await self.session.execute(stmt)

    async def get_by_ref(self, authority_ref: str) -> CustomsHold | None:
        stmt = select(CustomsHold).where(CustomsHold.authority_ref == authority_ref).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()
