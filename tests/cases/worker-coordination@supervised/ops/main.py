"""Starts the ops jobs in every web process."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
import httpx
import redis.asyncio as redis
from fastapi import FastAPI

from ops.jobs import Forwarder, Purger, Reindexer, Rollup, UsageExporter
from ops.supervisor import supervise


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://ops@db/ops", command_timeout=30)
    client = httpx.AsyncClient(timeout=10)
    cache = redis.Redis(host="cache", socket_timeout=2)
    purger = Purger(pool, interval=300)
    exporter = UsageExporter(pool, client, interval=86400)
    reindexer = Reindexer(pool, interval=600)
    rollup = Rollup(pool, cache, interval=3600)
    forwarder = Forwarder(client)
    app.state.forwarder = forwarder
    tasks = [
        asyncio.create_task(supervise("purger", purger.run)),
        asyncio.create_task(supervise("usage-export", exporter.run)),
        asyncio.create_task(supervise("reindex", reindexer.run)),
        asyncio.create_task(supervise("rollup", rollup.run)),
        asyncio.create_task(supervise("forwarder", forwarder.run)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()
    await cache.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)
