from __future__ import annotations

from fastapi import FastAPI

from beacon.db import get_pool

app = FastAPI()


@app.get("/certificates")
async def list_certificates() -> list[dict]:
    pool = await get_pool()
    rows = await pool.fetch("SELECT id, expires_at FROM certificates ORDER BY expires_at LIMIT 100")
    return [dict(row) for row in rows]
