import uuid
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.models import Suppression


async def is_suppressed(session: AsyncSession, tenant_id: uuid.UUID, email: str) -> bool:
    stmt = select(Suppression.id).where(Suppression.tenant_id == tenant_id, Suppression.email == email.lower())
    return (await session.execute(stmt)).first() is not None


async def suppressed_among(session: AsyncSession, tenant_id: uuid.UUID, emails: Iterable[str]) -> set[str]:
    lowered = {e.lower() for e in emails}
    if not lowered:
        return set()
    stmt = select(Suppression.email).where(Suppression.tenant_id == tenant_id, Suppression.email.in_(lowered))
    return set((await session.execute(stmt)).scalars())


async def add(session: AsyncSession, tenant_id: uuid.UUID, email: str, reason: str) -> None:
    stmt = (
        insert(Suppression)
        .values(tenant_id=tenant_id, email=email.lower(), reason=reason)
        .on_conflict_do_nothing(constraint="uq_suppression")
    )
    await session.execute(stmt)
