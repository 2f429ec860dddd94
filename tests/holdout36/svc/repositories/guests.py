from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Guest


async def get_by_email(session: AsyncSession, email: str) -> Guest | None:
    return await session.scalar(select(Guest).where(Guest.email == email.lower()))


async def get_many(session: AsyncSession, guest_ids: Sequence[int]) -> dict[int, Guest]:
    rows = await session.scalars(select(Guest).where(Guest.id.in_(guest_ids)))
    return {g.id: g for g in rows}


async def search(session: AsyncSession, text: str, limit: int = 25) -> Sequence[Guest]:
    pattern = f"%{text}%"
    stmt = (
        select(Guest)
        .where(Guest.last_name.ilike(pattern) | Guest.first_name.ilike(pattern) | Guest.email.ilike(pattern))
        .order_by(Guest.last_name)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def lookup_by_surname_prefix(session: AsyncSession, prefix: str, limit: int = 25) -> Sequence[Guest]:
    stmt = (
        select(Guest)
        .where(func.lower(Guest.last_name).like(f"{prefix.lower()}%"))
        .order_by(Guest.last_name)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def upsert(session: AsyncSession, email: str, first_name: str, last_name: str, phone: str | None) -> int:
    stmt = (
        insert(Guest)
        .values(email=email.lower(), first_name=first_name, last_name=last_name, phone=phone)
        .on_conflict_do_nothing()
        .returning(Guest.id)
    )
    guest_id = await session.scalar(stmt)
    if guest_id is None:
        existing = await get_by_email(session, email)
        assert existing is not None
        guest_id = existing.id
    return guest_id
