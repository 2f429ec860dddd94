from __future__ import annotations

from collections.abc import Sequence

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Asset, Site
from ..errors import NotFound


class SiteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, site_id: int) -> Site:
        site = await self._session.get(Site, site_id)
        if site is None:
            raise NotFound(f"site {site_id}")
        return site

    async def by_code(self, code: str) -> Site | None:
        result = await self._session.execute(select(Site).where(Site.code == code))
        return result.scalar_one_or_none()

    async def all_with_assets(self) -> Sequence[Site]:
        result = await self._session.execute(
            select(Site).options(selectinload(Site.assets)).order_by(Site.code)
        )
        return result.scalars().all()

    async def all(self) -> Sequence[Site]:
        result = await self._session.execute(select(Site).order_by(Site.id))
        return result.scalars().all()


class AssetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_asset(self, asset_id: int) -> Asset | None:
        return await self._session.get(Asset, asset_id)

    async def for_site(self, site_id: int) -> Sequence[Asset]:
        result = await self._session.execute(select(Asset).where(Asset.site_id == site_id))
        return result.scalars().all()

    async def many(self, asset_ids: list[int]) -> dict[int, Asset]:
        if not asset_ids:
            return {}
        result = await self._session.execute(select(Asset).where(Asset.id.in_(asset_ids)))
        return {a.id: a for a in result.scalars()}

    async def upsert_many(self, site_id: int, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        values = [
            {"site_id": site_id, "kind": r["kind"], "serial": r["serial"], "rated_kw": float(r["rated_kw"])}
            for r in rows
        ]
        stmt = insert(Asset).values(values)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_assets_serial",
            set_={"site_id": stmt.excluded.site_id, "rated_kw": stmt.excluded.rated_kw},
        )
        await self._session.execute(stmt)
        return len(values)
