import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from kennel.jobs import KennelJobs, archive, nightly_vaccinations
from kennel.periodic import repeat
from kennel.services.boarding import BoardingLedger


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    jobs = KennelJobs(BoardingLedger(redis))
    tasks = [
        asyncio.create_task(repeat(60, jobs.release_holds)),
        asyncio.create_task(repeat(300, jobs.overstays)),
        asyncio.create_task(repeat(3600, archive)),
        asyncio.create_task(repeat(86400, nightly_vaccinations)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)
