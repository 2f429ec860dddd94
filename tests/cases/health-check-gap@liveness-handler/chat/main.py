"""API probes: a liveness check that tests only the process, a readiness check that pings Postgres."""
import asyncpg
from fastapi import FastAPI, Request, Response

app = FastAPI()


@app.on_event("startup")
async def open_pool() -> None:
    app.state.pool = await asyncpg.create_pool("postgresql://chat@db/chat", command_timeout=10)


@app.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@app.get("/readyz")
async def readiness(request: Request, response: Response) -> dict[str, str]:
    try:
        async with request.app.state.pool.acquire(timeout=1.0) as conn:
            await conn.fetchval("SELECT 1")
    except Exception:
        response.status_code = 503
        return {"db": "down"}
    return {"db": "ok"}


@app.get("/channels")
async def channels(request: Request) -> list[dict]:
    rows = await request.app.state.pool.fetch("SELECT id, name FROM channels LIMIT 50")
    return [dict(r) for r in rows]
