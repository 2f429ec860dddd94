from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import User

PUBLIC_FIELDS = ("id", "handle", "display_name", "bio", "avatar_url", "follower_count", "following_count")


def to_public(user: User) -> dict:
    return {field: getattr(user, field) for field in PUBLIC_FIELDS}


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_many(session: AsyncSession, user_ids: Iterable[int]) -> dict[int, User]:
    ids = list(set(user_ids))
    if not ids:
        return {}
    rows = await session.scalars(select(User).where(User.id.in_(ids)))
    return {u.id: u for u in rows}


async def by_handle(session: AsyncSession, handle: str) -> User | None:
    return await session.scalar(select(User).where(User.handle == handle.lower()))


async def by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email.lower()))


async def search_prefix(session: AsyncSession, prefix: str, limit: int = 10) -> Sequence[User]:
    escaped = prefix.lower().replace("%", r"\%").replace("_", r"\_")
    stmt = (
        select(User)
        .where(User.handle.like(f"{escaped}%"), User.is_banned.is_(False))
        .order_by(User.handle)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def create(session: AsyncSession, *, handle: str, email: str, password_hash: str) -> User:
    user = User(handle=handle.lower(), email=email.lower(), password_hash=password_hash)
    session.add(user)
    await session.flush()
    return user


async def update_profile(session: AsyncSession, user_id: int, **fields) -> None:
    allowed = {k: v for k, v in fields.items() if k in {"display_name", "bio", "avatar_url", "digest_opt_in"}}
    if allowed:
        await session.execute(update(User).where(User.id == user_id).values(**allowed))


async def digest_recipients(session: AsyncSession, after_id: int, limit: int) -> Sequence[User]:
    stmt = (
        select(User)
        .where(User.digest_opt_in.is_(True), User.id > after_id, User.is_banned.is_(False))
        .order_by(User.id)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def set_banned(session: AsyncSession, user_id: int, banned: bool) -> None:
    await session.execute(update(User).where(User.id == user_id).values(is_banned=banned))
