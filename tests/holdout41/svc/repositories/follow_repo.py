from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Block, Follow


async def follow(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    stmt = (
        insert(Follow)
        .values(follower_id=follower_id, followee_id=followee_id)
        .on_conflict_do_nothing()
        .returning(Follow.follower_id)
    )
    return (await session.execute(stmt)).first() is not None


async def unfollow(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    res = await session.execute(
        delete(Follow).where(Follow.follower_id == follower_id, Follow.followee_id == followee_id)
    )
    return res.rowcount > 0


async def follower_ids(session: AsyncSession, user_id: int) -> list[int]:
    rows = await session.scalars(select(Follow.follower_id).where(Follow.followee_id == user_id))
    return list(rows)


async def following_ids(session: AsyncSession, user_id: int) -> list[int]:
    rows = await session.scalars(select(Follow.followee_id).where(Follow.follower_id == user_id))
    return list(rows)


async def followers_page(session: AsyncSession, user_id: int, page: int, size: int) -> Sequence[int]:
    stmt = (
        select(Follow.follower_id)
        .where(Follow.followee_id == user_id)
        .order_by(Follow.created_at.desc())
        .offset(page * size)
        .limit(size)
    )
    return (await session.scalars(stmt)).all()


async def is_following(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    stmt = select(
        exists().where(Follow.follower_id == follower_id, Follow.followee_id == followee_id)
    )
    return bool(await session.scalar(stmt))


async def following_among(session: AsyncSession, follower_id: int, candidates: Sequence[int]) -> set[int]:
    if not candidates:
        return set()
    rows = await session.scalars(
        select(Follow.followee_id).where(Follow.follower_id == follower_id, Follow.followee_id.in_(candidates))
    )
    return set(rows)


async def is_blocked(session: AsyncSession, blocker_id: int, blocked_id: int) -> bool:
    stmt = select(exists().where(Block.blocker_id == blocker_id, Block.blocked_id == blocked_id))
    return bool(await session.scalar(stmt))


async def block(session: AsyncSession, blocker_id: int, blocked_id: int) -> None:
    await session.execute(
        insert(Block)
        .values(blocker_id=blocker_id, blocked_id=blocked_id)
        .on_conflict_do_nothing(index_elements=["blocker_id", "blocked_id"])
    )
