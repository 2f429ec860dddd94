import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from metrics.relay import ArchiveRelay, DashboardRelay


class Source:
    async def next_reading(self) -> dict:
        await asyncio.sleep(0.01)
        return {"value": 1}


class Archive:
    async def write_many(self, rows: list[dict]) -> None:
        await asyncio.sleep(0.1)


@asynccontextmanager
async def lifespan(app: FastAPI):
    dashboards, archive = DashboardRelay(Source()), ArchiveRelay(Source(), Archive())
    tasks = [asyncio.create_task(c) for c in (dashboards.collect(), dashboards.deliver(), archive.collect(),
                                                archive.deliver())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
