import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from jobs.base import PeriodicJob
from jobs.exports import ExportJob

JOBS: dict[str, type[PeriodicJob]] = {"export": ExportJob}


async def supervise(job: PeriodicJob, stop: asyncio.Event) -> None:
    await job.run_forever(stop)


@asynccontextmanager
async def lifespan(app: FastAPI):
    stop = asyncio.Event()
    tasks = [asyncio.create_task(supervise(JOBS[name](), stop)) for name in ("export",)]
    yield
    stop.set()
    await asyncio.gather(*tasks)


app = FastAPI(lifespan=lifespan)
