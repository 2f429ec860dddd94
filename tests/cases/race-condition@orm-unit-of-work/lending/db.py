"""The unit of work: one session per block, committed when the block ends without error."""
from contextlib import asynccontextmanager
from typing import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://localhost/lending")
factory = async_sessionmaker(engine, expire_on_commit=False)


class Gateway:
    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncSession]:
        async with factory() as session:
            try:
                yield session
                await session.commit()
            except Exception:
                await session.rollback()
                raise

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        async with factory() as session:
            yield session


@asynccontextmanager
async def committing() -> AsyncIterator[AsyncSession]:
    async with factory() as session:
        yield session
        await session.commit()
