"""Advertiser accounts."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.db.models import Advertiser


class AdvertiserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, advertiser_id: int) -> Advertiser | None:
        return await self._session.get(Advertiser, advertiser_id)

    async def get_by_email(self, email: str) -> Advertiser | None:
        stmt = select(Advertiser).where(Advertiser.email == email.lower())
        return (await self._session.scalars(stmt)).first()

    async def get_by_key_prefix(self, prefix: str) -> Advertiser | None:
        stmt = select(Advertiser).where(Advertiser.api_key_prefix == prefix)
        return (await self._session.scalars(stmt)).one_or_none()

    async def create(self, **fields) -> Advertiser:
        advertiser = Advertiser(**fields)
        self._session.add(advertiser)
        await self._session.commit()
        await self._session.refresh(advertiser)
        return advertiser

    async def save(self, advertiser: Advertiser) -> None:
        merged = await self._session.merge(advertiser)
        await self._session.commit()
        await self._session.refresh(merged)
