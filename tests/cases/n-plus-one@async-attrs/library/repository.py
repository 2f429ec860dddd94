"""Async data access over the library tables."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from library.models import Book


class BookRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def shelf(self, limit: int) -> list[dict]:
        async with self._sessions() as session:
            books = (
                await session.scalars(
                    select(Book)
                    .order_by(Book.title)
                    .limit(limit)
                )
            ).all()
            out = []
            for book in books:
                author = await book.awaitable_attrs.author  # expect: n-plus-one
                out.append({"title": book.title, "author": author.name})
            return out

    async def shelf_eager(self, limit: int) -> list[dict]:
        async with self._sessions() as session:
            books = (
                await session.scalars(select(Book).options(selectinload(Book.author)).order_by(Book.title).limit(limit))
            ).all()
            out = []
            for book in books:
                author = await book.awaitable_attrs.author
                out.append({"title": book.title, "author": author.name})
            return out

    async def labels(self, limit: int) -> list[list[str]]:
        async with self._sessions() as session:
            books = (await session.scalars(select(Book).limit(limit))).all()
            out = []
            for book in books:
                tags = await book.awaitable_attrs.tags
                out.append([tag.label for tag in tags])
            return out

    async def titles(self, limit: int) -> list[str]:
        async with self._sessions() as session:
            books = (await session.scalars(select(Book).limit(limit))).all()
            return [f"{book.title} by {book.author.name}" for book in books]

    async def first_author(self) -> str:
        async with self._sessions() as session:
            book = await session.scalar(select(Book).limit(1))
            author = await book.awaitable_attrs.author
            return author.name
