from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from ..models.insights import Recommendation, TagPolicy, TagViolation


class RecommendationRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def replace_for_account(self, tenant_id: int, account_id: int, rows: Sequence[dict]) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(delete(Recommendation).where(Recommendation.account_id == account_id))
            if rows:
                await session.execute(
                    insert(Recommendation), [dict(row, tenant_id=tenant_id, account_id=account_id) for row in rows]
                )

    async def latest(self, tenant_id: int, limit: int = 100) -> list[Recommendation]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(Recommendation)
                .where(Recommendation.tenant_id == tenant_id)
                .order_by(Recommendation.created_at.desc())
                .limit(limit)
            )
            return list(result)


class TagRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def policies_for_tenant(self, tenant_id: int) -> list[TagPolicy]:
        async with self._sessionmaker() as session:
            result = await session.scalars(select(TagPolicy).where(TagPolicy.tenant_id == tenant_id))
            return list(result)

    async def policies_with_violations(self, tenant_id: int) -> list[TagPolicy]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(TagPolicy)
                .where(TagPolicy.tenant_id == tenant_id)
                .options(selectinload(TagPolicy.violations))
            )
            return list(result)

    async def create_policy(self, tenant_id: int, **fields) -> TagPolicy:
        async with self._sessionmaker() as session:
            policy = TagPolicy(tenant_id=tenant_id, **fields)
            session.add(policy)
            await session.commit()
            return policy

    async def replace_violations(self, tenant_id: int, account_id: int, rows: Sequence[dict]) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                delete(TagViolation).where(TagViolation.tenant_id == tenant_id, TagViolation.account_id == account_id)
            )
            if rows:
                await session.execute(insert(TagViolation), list(rows))
