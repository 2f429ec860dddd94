"""The clinic API: its one housekeeping job runs in the process that wins the leader key."""
import asyncio
import logging
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

log = logging.getLogger(__name__)


def _housekeeping():
    from .sweeps import purge_loop

    return {"purge": purge_loop}


async def guarded(name, job, pool):
    while True:
        try:
            await job(pool)
        except Exception:
            log.exception("%s crashed", name)
            await asyncio.sleep(5)


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://clinic@db/clinic", command_timeout=10)
    redis = Redis(host="cache", socket_timeout=2)
    task = None
    if await redis.set("clinic:housekeeping-leader", "1", nx=True, ex=300):
        job = _housekeeping()["purge"]
        task = asyncio.create_task(guarded("purge", job, pool))
    yield
    if task is not None:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
