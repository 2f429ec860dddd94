from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Note


async def by_title(session: AsyncSession, folder_id: int, title: str) -> Note | None:
    query = select(Note).where(Note.folder_id == folder_id, func.lower(Note.title) == title.lower())  # expect: slow-query
    return (await session.execute(query)).scalars().first()


async def by_slug_anywhere(session: AsyncSession, slug: str) -> Note | None:
    query = select(Note).where(func.lower(Note.slug) == slug.lower())  # expect: slow-query
    return (await session.execute(query)).scalars().first()
