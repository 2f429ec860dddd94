"""Per-session page readers used by the catalogue endpoints."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from library.models import Book


class ShelfPages:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, offset: int, size: int) -> list[Book]:
        stmt = select(Book).order_by(Book.id).offset(offset).limit(size)
        return list(await self._session.scalars(stmt))

    async def page_with_authors(self, offset: int, size: int) -> list[Book]:
        stmt = select(Book).options(selectinload(Book.author)).order_by(Book.id).offset(offset).limit(size)
        return list(await self._session.scalars(stmt))


async def catalogue_page(session: AsyncSession, offset: int) -> list[dict]:
    books = await ShelfPages(session).page(offset, 50)
    out = []
    for book in books:
        author = await book.awaitable_attrs.author  # expect: n-plus-one
        out.append({"title": book.title, "author": author.name})
    return out


async def catalogue_page_eager(session: AsyncSession, offset: int) -> list[dict]:
    books = await ShelfPages(session).page_with_authors(offset, 50)
    out = []
    for book in books:
        author = await book.awaitable_attrs.author
        out.append({"title": book.title, "author": author.name})
    return out
