from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Project, WebhookSubscription


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, subscription_id: uuid.UUID) -> WebhookSubscription | None:
        return await self._session.get(WebhookSubscription, subscription_id)

    async def find_by_url(self, project_id: uuid.UUID, url: str) -> WebhookSubscription | None:
        result = await self._session.execute(
            select(WebhookSubscription).where(
                WebhookSubscription.project_id == project_id, WebhookSubscription.url == url
            )
        )
        return result.scalars().first()

    async def list_active_for_org(self, org_id: uuid.UUID) -> list[WebhookSubscription]:
        result = await self._session.execute(
            select(WebhookSubscription)
            .join(Project, Project.id == WebhookSubscription.project_id)
            .where(Project.org_id == org_id, WebhookSubscription.disabled.is_(False))
        )
        return list(result.scalars())

    async def insert(self, subscription: WebhookSubscription) -> WebhookSubscription:
        self._session.add(subscription)
        await self._session.commit()
        return subscription

    async def record_failure(self, subscription_id: uuid.UUID) -> int:
        result = await self._session.execute(
            update(WebhookSubscription)
            .where(WebhookSubscription.id == subscription_id)
            .values(failure_count=WebhookSubscription.failure_count + 1)
            .returning(WebhookSubscription.failure_count)
        )
        await self._session.commit()
        return int(result.scalar_one())

    async def reset_failures(self, subscription_id: uuid.UUID) -> None:
        await self._session.execute(
            update(WebhookSubscription).where(WebhookSubscription.id == subscription_id).values(failure_count=0)
        )
        await self._session.commit()

    async def disable(self, subscription_id: uuid.UUID) -> None:
        await self._session.execute(
            update(WebhookSubscription).where(WebhookSubscription.id == subscription_id).values(disabled=True)
        )
        await self._session.commit()
