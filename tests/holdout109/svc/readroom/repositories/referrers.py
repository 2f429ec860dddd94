from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import Referrer


class ReferrerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, referrer_id: int) -> Referrer | None:
        return await self.session.get(Referrer, referrer_id)

    async def get_or_404(self, referrer_id: int) -> Referrer:
        referrer = await self.session.get(Referrer, referrer_id)
        if referrer is None:
            raise HTTPException(status_code=404, detail="referrer not found")
        return referrer

    async def get_many(self, referrer_ids: list[int]) -> dict[int, Referrer]:
        if not referrer_ids:
            return {}
        result = await self.session.execute(select(Referrer).where(Referrer.id.in_(referrer_ids)))
        return {r.id: r for r in result.scalars()}

    async def by_npi(self, npi: str) -> Referrer | None:
        result = await self.session.execute(select(Referrer).where(Referrer.npi == npi))
        return result.scalar_one_or_none()

    async def upsert(self, *, npi: str, display_name: str, fax: str | None, email: str | None) -> Referrer:
        existing = await self.by_npi(npi)
        if existing is None:
            existing = Referrer(npi=npi, display_name=display_name, fax_number=fax, email=email)
            self.session.add(existing)
        else:
            existing.display_name = display_name
            existing.fax_number = fax or existing.fax_number
            existing.email = email or existing.email
        await self.session.flush()
        return existing
