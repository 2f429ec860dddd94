import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from league.jobs import LeagueJobs, OutboxRelay, StandingsJobs

redis = Redis.from_url("redis://cache.internal:6379/0", socket_timeout=2.0)


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://league@db.internal/league", command_timeout=10)
    league = LeagueJobs(pool, redis)
    standings = StandingsJobs(pool, redis)
    tasks = [
        asyncio.create_task(league.run(), name="league-jobs"),
        asyncio.create_task(standings.run(), name="standings"),
        asyncio.create_task(OutboxRelay(pool, redis).run(), name="outbox-relay"),
    ]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
