from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


@dataclass
class Context:
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis


def build_context() -> Context:
    engine = create_async_engine("postgresql+asyncpg://depot@db/depot")
    return Context(async_sessionmaker(engine), Redis(host="cache", socket_timeout=2))
