"""Handle assignment: try the next candidate when the unique index refuses one."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from guild.models import Member


def candidates(base: str, limit: int = 20) -> list[str]:
    return [base] + [f"{base}-{n}" for n in range(2, limit + 2)]


class HandleTaken(Exception):
    pass


async def join(session: AsyncSession, display_name: str) -> Member:
    """Inserts the member under the first free handle; a collision rolls back and tries the next."""
    for handle in candidates(display_name.lower().replace(" ", "-")):
        member = Member(display_name=display_name, handle=handle)
        session.add(member)
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            continue
        await session.refresh(member)
        return member
    raise HandleTaken(display_name)


async def rename(session: AsyncSession, member_id: int, wanted: str) -> str:
    """Moves the member to the first free variant of the wanted handle."""
    for handle in candidates(wanted):
        try:
            await session.execute(update(Member).where(Member.id == member_id).values(handle=handle))
            await session.commit()
        except IntegrityError:
            await session.rollback()
            continue
        return handle
    raise HandleTaken(wanted)


async def first_free(session: AsyncSession, wanted: str) -> str | None:
    """Looks each candidate up until one is unused: one query per slot tried."""
    for handle in candidates(wanted):
        taken = await session.scalar(select(Member.id).where(Member.handle == handle))  # expect: n-plus-one
        if taken is None:
            return handle
    return None


async def backfill(session: AsyncSession, member_ids: list[int]) -> None:
    """Gives every listed member a handle, one collision-retried update per member."""
    for member_id in member_ids:
        for handle in candidates(f"member-{member_id}", limit=3):
            try:
                await session.execute(update(Member).where(Member.id == member_id).values(handle=handle))  # expect: n-plus-one
                await session.commit()
            except IntegrityError:
                await session.rollback()
                continue
            break
