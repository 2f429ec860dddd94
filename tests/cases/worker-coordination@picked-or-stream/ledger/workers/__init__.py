"""Out-of-process workers: `python -m ledger.workers <name>`."""
import asyncio
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ledger.services import StatementService


@dataclass
class Context:
    redis: Redis
    statements: StatementService


def build_context() -> Context:
    engine = create_async_engine("postgresql+asyncpg://ledger@db/ledger")
    return Context(Redis(host="cache", socket_timeout=2), StatementService(async_sessionmaker(engine)))


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True if a stop was requested meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
        return True
    except asyncio.TimeoutError:
        return False
