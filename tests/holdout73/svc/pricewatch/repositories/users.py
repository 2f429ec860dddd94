from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.db.models import User


async def by_id(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email.lower()))


async def by_api_key_hash(session: AsyncSession, key_hash: str) -> User | None:
    return await session.scalar(select(User).where(User.api_key_hash == key_hash))


async def digest_recipients(session: AsyncSession, after_id: int = 0, limit: int = 500) -> list[User]:
    stmt = (
        select(User)
        .where(User.digest_enabled.is_(True), User.id > after_id)
        .order_by(User.id)
        .limit(limit)
    )
    return list(await session.scalars(stmt))


async def by_ids(session: AsyncSession, ids: list[int]) -> dict[int, User]:
    if not ids:
        return {}
    rows = await session.scalars(select(User).where(User.id.in_(ids)))
    return {u.id: u for u in rows}


async def create(session: AsyncSession, email: str, password_hash: str, currency: str = "USD") -> User:
    user = User(email=email.lower(), password_hash=password_hash, currency=currency)
    session.add(user)
    await session.flush()
    return user
