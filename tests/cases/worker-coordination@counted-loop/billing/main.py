"""Billing API: the jobs are built and started by a small task registry."""
import asyncio
from collections.abc import Coroutine
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI

from billing.jobs import InvoiceSweeper, UsageRollup, warm_up


def spawn(tasks: set[asyncio.Task[Any]], coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
    task = asyncio.create_task(coro, name=name)
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return task


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://billing@db/billing", command_timeout=30)
    cache = redis.Redis(host="cache", socket_timeout=2)
    tasks: set[asyncio.Task[Any]] = set()
    spawn(tasks, InvoiceSweeper(pool, 300).run_forever(), "invoice-sweeper")
    spawn(tasks, UsageRollup(pool, cache).run_forever(), "usage-rollup")
    spawn(tasks, warm_up(pool), "warm-up")
    yield
    for task in list(tasks):
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/invoices/overdue")
async def overdue() -> dict:
    return {"see": "invoices"}
