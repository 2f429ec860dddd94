"""Service with a liveness route that checks nothing and a readiness route that pings the pool."""
import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def ping(self) -> bool:
        async with self.pool.acquire(timeout=2) as conn:
            return await conn.fetchval("SELECT 1") == 1

    async def orders(self) -> list:
        return await self.pool.fetch("SELECT id FROM orders LIMIT 10")


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://svc@db/svc", command_timeout=30)
    app.state.store = Store(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)
EXPORTS: dict[str, str] = {}


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}  # expect: health-check-gap


@app.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    store: Store = request.app.state.store
    try:
        ok = await asyncio.wait_for(store.ping(), timeout=3)
    except Exception:
        ok = False
    return JSONResponse({"database": ok}, status_code=200 if ok else 503)


@app.get("/orders")
async def orders(request: Request) -> list:
    store: Store = request.app.state.store
    return await store.orders()


@app.get("/exports/{export_id}/status")
async def export_status(export_id: str) -> dict:
    return {"export": export_id, "state": EXPORTS.get(export_id, "unknown")}
