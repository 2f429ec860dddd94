from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://fleet@db.internal/fleet", pool_size=10)
Session = async_sessionmaker(engine, expire_on_commit=False)
cache = Redis.from_url("redis://cache.internal:6379/0", socket_timeout=2)


async def db_alive() -> str:
    async with Session() as session:
        await session.execute(text("SELECT 1"))
    return "up"


async def cache_alive() -> str:
    await cache.ping()
    return "up"


async def vehicle_count() -> int:
    async with Session() as session:
        return int((await session.execute(text("SELECT count(*) FROM vehicles"))).scalar_one())
