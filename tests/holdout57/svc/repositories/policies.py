from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Coverage, Endorsement, Policy


class PolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, policy_id: int) -> Policy | None:
        return await self._session.get(Policy, policy_id)

    async def get_by_number(self, policy_number: str) -> Policy | None:
        stmt = (
            select(Policy)
            .where(Policy.policy_number == policy_number)
            .options(selectinload(Policy.coverages))
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, policy_ids: Sequence[int]) -> dict[int, Policy]:
        if not policy_ids:
            return {}
        rows = await self._session.execute(select(Policy).where(Policy.id.in_(set(policy_ids))))
        return {p.id: p for p in rows.scalars()}

    async def coverages_for(self, policy_id: int) -> list[Coverage]:
        rows = await self._session.execute(
            select(Coverage).where(Coverage.policy_id == policy_id, Coverage.active.is_(True))
        )
        return list(rows.scalars())

    async def coverage(self, policy_id: int, code: str) -> Coverage | None:
        rows = await self._session.execute(
            select(Coverage).where(Coverage.policy_id == policy_id, Coverage.code == code)
        )
        return rows.scalar_one_or_none()

    async def endorsements(self, policy_id: int, as_of: date | None = None) -> list[Endorsement]:
        stmt = select(Endorsement).where(Endorsement.policy_id == policy_id)
        if as_of is not None:
            stmt = stmt.where(Endorsement.effective_date <= as_of)
        rows = await self._session.execute(stmt.order_by(Endorsement.effective_date))
        return list(rows.scalars())

    async def add_endorsement(self, endorsement: Endorsement) -> Endorsement:
        self._session.add(endorsement)
        await self._session.flush()
        return endorsement

    async def search_by_holder(self, term: str, limit: int = 50) -> list[Policy]:
        stmt = select(Policy).where(Policy.holder_name.ilike(f"%{term}%")).order_by(Policy.id).limit(limit)
        rows = await self._session.execute(stmt)
        return list(rows.scalars())
