from __future__ import annotations

from typing import Optional
from uuid import UUID

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from pulsewatch.db.models import StatusPage, StatusPageComponent


class StatusPageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, org_id: UUID, page_id: UUID) -> Optional[StatusPage]:
        result = await self._session.execute(
            select(StatusPage).where(StatusPage.id == page_id, StatusPage.org_id == org_id)
        )
        return result.scalar_one_or_none()

    async def get_by_slug(self, slug: str) -> StatusPage:
        result = await self._session.execute(
            select(StatusPage)
            .where(StatusPage.slug == slug, StatusPage.is_public.is_(True))
            .options(selectinload(StatusPage.components))
        )
        page = result.scalar_one_or_none()
        if page is None:
            raise HTTPException(status_code=404, detail="status page not found")
        return page

    async def get_by_domain(self, domain: str) -> Optional[StatusPage]:
        result = await self._session.execute(
            select(StatusPage)
            .where(StatusPage.custom_domain == domain.lower())
            .options(selectinload(StatusPage.components))
        )
        return result.scalar_one_or_none()

    async def list_for_org(self, org_id: UUID) -> list[StatusPage]:
        result = await self._session.execute(
            select(StatusPage)
            .where(StatusPage.org_id == org_id)
            .options(selectinload(StatusPage.components))
            .order_by(StatusPage.created_at)
        )
        return list(result.scalars())

    async def create(self, org_id: UUID, slug: str, title: str, theme: dict) -> StatusPage:
        page = StatusPage(org_id=org_id, slug=slug, title=title, theme=theme)
        self._session.add(page)
        await self._session.flush()
        return page

    async def domain_taken(self, domain: str) -> bool:
        result = await self._session.execute(
            select(StatusPage.id).where(StatusPage.custom_domain == domain.lower()).limit(1)
        )
        return result.first() is not None

    async def set_domain(self, page_id: UUID, domain: Optional[str]) -> None:
        await self._session.execute(
            update(StatusPage).where(StatusPage.id == page_id).values(custom_domain=domain.lower() if domain else None)
        )

    async def set_logo(self, page_id: UUID, logo_url: str) -> None:
        await self._session.execute(update(StatusPage).where(StatusPage.id == page_id).values(logo_url=logo_url))

    async def replace_components(self, page: StatusPage, components: list[dict]) -> None:
        page.components.clear()
        for position, comp in enumerate(components):
            page.components.append(
                StatusPageComponent(
                    monitor_id=comp["monitor_id"], display_name=comp["display_name"], position=position
                )
            )
        await self._session.flush()

    async def pages_for_monitor(self, monitor_id: UUID) -> list[UUID]:
        result = await self._session.execute(
            select(StatusPageComponent.page_id).where(StatusPageComponent.monitor_id == monitor_id).distinct()
        )
        return [row[0] for row in result]
