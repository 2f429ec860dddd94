from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import Site


class SiteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, site_id: int) -> Site | None:
        return await self._session.get(Site, site_id)

    async def get_many(self, site_ids: Iterable[int]) -> dict[int, Site]:
        ids = set(site_ids)
        if not ids:
            return {}
        rows = await self._session.execute(select(Site).where(Site.id.in_(ids)))
        return {site.id: site for site in rows.scalars()}

    async def for_customer(self, customer_id: int) -> list[Site]:
        rows = await self._session.execute(select(Site).where(Site.customer_id == customer_id))
        return list(rows.scalars())

    async def add(self, site: Site) -> Site:
        self._session.add(site)
        await self._session.flush()
        return site
