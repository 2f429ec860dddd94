from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Donor, Employer, MatchPledge


class DonorRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, donor_id: int) -> Donor | None:
        async with self._sessions() as session:
            return await session.get(Donor, donor_id)

    async def get_many(self, ids: Sequence[int]) -> dict[int, Donor]:
        if not ids:
            return {}
        async with self._sessions() as session:
            result = await session.execute(select(Donor).where(Donor.id.in_(list(ids))))
            return {d.id: d for d in result.scalars()}

    async def by_email(self, email: str) -> Donor | None:
        async with self._sessions() as session:
            result = await session.execute(select(Donor).where(Donor.email == email.strip().lower()))
            return result.scalar_one_or_none()

    async def create(self, donor: Donor) -> Donor:
        async with self._sessions() as session, session.begin():
            session.add(donor)
        return donor


class PledgeRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def employer(self, employer_id: int) -> Employer | None:
        async with self._sessions() as session:
            return await session.get(Employer, employer_id)

    async def pledged_since(self, employer_id: int, since: datetime) -> int:
        stmt = select(func.coalesce(func.sum(MatchPledge.amount_cents), 0)).where(
            MatchPledge.employer_id == employer_id, MatchPledge.created_at >= since
        )
        async with self._sessions() as session:
            return int((await session.execute(stmt)).scalar_one())

    async def record(self, donation_id: int, employer_id: int, amount_cents: int, fiscal_year: int) -> bool:
        stmt = (
            insert(MatchPledge)
            .values(
                donation_id=donation_id,
                employer_id=employer_id,
                amount_cents=amount_cents,
                fiscal_year=fiscal_year,
            )
            .on_conflict_do_nothing(index_elements=[MatchPledge.donation_id])
            .returning(MatchPledge.id)
        )
        async with self._sessions() as session, session.begin():
            return (await session.execute(stmt)).scalar_one_or_none() is not None
