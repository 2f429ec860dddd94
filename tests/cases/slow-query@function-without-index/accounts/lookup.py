"""Member lookups for sign-in and the support console."""
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Member


async def by_email(session: AsyncSession, email: str) -> Member | None:
    stmt = select(Member).where(func.lower(Member.email) == email.strip().lower())  # expect: slow-query
    return await session.scalar(stmt)


async def joined_recently(session: AsyncSession, since) -> list[Member]:
    stmt = select(Member).where(Member.joined_at >= since, func.lower(Member.display_name) != "")
    return list(await session.scalars(stmt.limit(100)))
