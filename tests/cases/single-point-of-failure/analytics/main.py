from typing import Any

from fastapi import FastAPI
from sqlalchemy import text

from analytics.db import primary, replica_engine, scratch

app = FastAPI()


@app.post("/events")
async def record(kind: str) -> dict[str, str]:
    async with primary.begin() as conn:
        await conn.execute(text("INSERT INTO events (kind) VALUES (:kind)"), {"kind": kind})
    return {"status": "recorded"}


@app.get("/dashboard")
async def dashboard() -> list[dict[str, Any]]:
    async with replica_engine.connect() as conn:
        rows = await conn.execute(text("SELECT kind, COUNT(*) AS n FROM events GROUP BY kind"))
        return [dict(r._mapping) for r in rows]


@app.get("/exports")
def exports() -> list[dict[str, Any]]:
    with scratch.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text("SELECT name, created_at FROM exports LIMIT 100"))]
