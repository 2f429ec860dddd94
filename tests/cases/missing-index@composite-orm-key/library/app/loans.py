"""Loan lookups: the composite key serves its leading column only."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Loan


async def loans_of_member(session: AsyncSession, member_id: int) -> list[Loan]:
    # leads the key (member_id, copy_id): served
    return list(await session.scalars(select(Loan).where(Loan.member_id == member_id)))


async def who_has_copy(session: AsyncSession, copy_id: int) -> Loan | None:
    # second column of the key: the key cannot find these rows
    return await session.scalar(select(Loan).where(Loan.copy_id == copy_id))  # expect: missing-index


async def member_by_email(session: AsyncSession, email: str):
    from .models import Member
    return await session.scalar(select(Member).where(Member.email == email))
