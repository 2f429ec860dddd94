import asyncpg
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://gym@db/gym", pool_timeout=5)
Session = async_sessionmaker(engine, expire_on_commit=False)
_pool: asyncpg.Pool | None = None


async def get_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool("postgresql://gym@db/gym", command_timeout=10)
    return _pool
