from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


@dataclass
class Context:
    engine: AsyncEngine
    pool: asyncpg.Pool
    redis: Redis


async def build_context() -> Context:
    """The clients of one worker process: its job builds them once, before its loop."""
    engine = create_async_engine("postgresql+asyncpg://relay@db/relay")
    return Context(engine=engine, pool=await asyncpg.create_pool("postgresql://relay@db/relay"),
                   redis=Redis.from_url("redis://cache", socket_timeout=2))
