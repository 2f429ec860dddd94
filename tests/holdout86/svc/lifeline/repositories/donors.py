from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from lifeline.db.models import Deferral, Donor


class DonorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, donor_id: int) -> Donor | None:
        return await self._session.get(Donor, donor_id)

    async def find_by_national_id(self, national_id_hash: str) -> Donor | None:
        stmt = select(Donor).where(Donor.national_id_hash == national_id_hash)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def find_by_email(self, email: str) -> Donor | None:
        stmt = select(Donor).where(func.lower(Donor.email) == email.lower())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def search(self, term: str, page: int, size: int = 50) -> list[Donor]:
        stmt = (
            select(Donor)
            .where(Donor.last_name.ilike(f"%{term}%"))
            .order_by(Donor.last_name, Donor.id)
            .limit(size)
            .offset(page * size)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def get_many(self, donor_ids: list[int]) -> dict[int, Donor]:
        if not donor_ids:
            return {}
        stmt = select(Donor).where(Donor.id.in_(donor_ids))
        return {d.id: d for d in (await self._session.execute(stmt)).scalars()}

    async def with_active_deferrals(self, donor_id: int) -> Donor | None:
        stmt = select(Donor).options(selectinload(Donor.deferrals)).where(Donor.id == donor_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def add(self, donor: Donor) -> Donor:
        self._session.add(donor)
        await self._session.flush()
        return donor

    async def add_deferral(self, donor_id: int, reason: str, until: datetime | None, permanent: bool) -> None:
        self._session.add(Deferral(donor_id=donor_id, reason=reason, until=until, permanent=permanent))
        await self._session.flush()

    async def record_donation(self, donor_id: int, at: datetime) -> None:
        donor = await self._session.get(Donor, donor_id)
        if donor is not None:
            donor.last_donation_at = at
