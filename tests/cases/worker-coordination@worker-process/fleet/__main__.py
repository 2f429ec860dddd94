import asyncio

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from fleet.tasks import close_idle_trips, prune_trips


async def run() -> None:
    sessions = async_sessionmaker(create_async_engine("postgresql+asyncpg://fleet@db/fleet"))
    redis = Redis(host="cache", socket_timeout=2)
    jobs = [asyncio.create_task(close_idle_trips(sessions)), asyncio.create_task(prune_trips(sessions, redis))]
    await asyncio.gather(*jobs)


if __name__ == "__main__":
    asyncio.run(run())
