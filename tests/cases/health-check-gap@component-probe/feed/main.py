"""A feed service backed by Postgres, with a background importer."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from feed import health
from feed.importer import Importer


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://svc@db/feed", command_timeout=30)
    app.state.importer = Importer(app.state.pool)
    task = asyncio.create_task(app.state.importer.run())
    yield
    task.cancel()
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(health.router)


@app.get("/items/{item_id}")
async def item(item_id: int, request: Request) -> dict:
    async with request.app.state.pool.acquire(timeout=5) as conn:
        row = await conn.fetchrow("SELECT title FROM items WHERE id = $1", item_id)
    return {"title": row["title"] if row else None}
