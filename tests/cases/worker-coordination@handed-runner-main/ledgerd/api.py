from __future__ import annotations

from fastapi import FastAPI

from ledgerd.db import Container

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    app.state.container = await Container.create()


@app.get("/settlements/{merchant_id}")
async def list_settlements(merchant_id: int) -> list[dict]:
    rows = await app.state.container.pool.fetch(
        "SELECT id, amount, settled_at FROM settlements WHERE merchant_id = $1 ORDER BY id DESC LIMIT 50", merchant_id)
    return [dict(row) for row in rows]
