"""Tagging and sign-in: the unique-violation handler is imported under another name."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Member, Tag


class EmailTaken(Exception):
    pass


async def tag_item(session: AsyncSession, item_id: int, name: str) -> None:
    existing = await session.scalar(select(Tag).where(Tag.item_id == item_id, Tag.name == name))
    if existing is None:
        session.add(Tag(item_id=item_id, name=name))
        try:
            await session.flush()
        except DatabaseIntegrityError:
            await session.rollback()  # tagged meanwhile: the same outcome


async def sign_in(session: AsyncSession, provider: str, subject: str, email: str) -> Member:
    member = await session.scalar(  # expect: race-condition
        select(Member).where(Member.provider == provider, Member.subject == subject))
    if member is None:
        member = Member(provider=provider, subject=subject, email=email)
        session.add(member)
        await session.flush()
    else:
        member.email = email
        try:
            await session.flush()
        except DatabaseIntegrityError:
            raise EmailTaken(email)
    return member
