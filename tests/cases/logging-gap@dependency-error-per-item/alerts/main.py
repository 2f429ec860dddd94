"""Starts the alert job with the app."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import httpx
from fastapi import FastAPI

from alerts.jobs import AlertJob
from alerts.notifier import Notifier


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/alerts")
    http = httpx.AsyncClient(base_url="http://push", timeout=10)
    job = AlertJob(pool, Notifier(http))
    task = asyncio.create_task(job.run_forever())
    yield
    task.cancel()
    await http.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)
