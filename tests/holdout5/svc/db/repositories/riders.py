from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Rider


async def by_email(session: AsyncSession, email: str) -> Rider | None:
    return (await session.execute(select(Rider).where(Rider.email == email.lower()))).scalar_one_or_none()


async def by_phone(session: AsyncSession, phone: str) -> Rider | None:
    stmt = select(Rider).where(Rider.phone == phone)
    return (await session.execute(stmt)).scalar_one_or_none()


async def search(session: AsyncSession, query: str, limit: int = 50) -> Sequence[Rider]:
    stmt = select(Rider).where(Rider.email.ilike(f"%{query}%")).order_by(Rider.id).limit(limit)
    return (await session.execute(stmt)).scalars().all()


async def by_email_prefix(session: AsyncSession, prefix: str, limit: int = 20) -> Sequence[Rider]:
    stmt = select(Rider).where(Rider.email.startswith(prefix.lower())).order_by(Rider.email).limit(limit)
    return (await session.execute(stmt)).scalars().all()
