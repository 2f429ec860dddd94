"""Reading lists: books iterated straight from the session's scalars."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from library.models import Book


class ReadingList:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recent(self, limit: int = 20) -> list[dict]:
        stmt = select(Book).order_by(Book.id.desc()).limit(limit)
        out = []
        for book in await self._session.scalars(stmt):
            author = await book.awaitable_attrs.author  # expect: n-plus-one
            out.append({"title": book.title, "author": author.name})
        return out

    async def recent_eager(self, limit: int = 20) -> list[dict]:
        stmt = select(Book).options(selectinload(Book.author)).order_by(Book.id.desc()).limit(limit)
        out = []
        for book in await self._session.scalars(stmt):
            author = await book.awaitable_attrs.author
            out.append({"title": book.title, "author": author.name})
        return out

    async def tagged(self, limit: int = 20) -> list[list[str]]:
        stmt = select(Book).limit(limit)
        out = []
        for book in await self._session.scalars(stmt):
            tags = await book.awaitable_attrs.tags
            out.append([tag.label for tag in tags])
        return out

    async def rows(self, limit: int = 20) -> list[str]:
        stmt = select(Book.title, Book.author_id).limit(limit)
        return [row.title for row in await self._session.execute(stmt)]
