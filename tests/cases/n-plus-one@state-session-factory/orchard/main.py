"""Orchard inventory: plant trees, count them per variety, and a readiness probe."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from sqlalchemy import func, insert, select, text

from .database import lifespan
from .models import Tree

app = FastAPI(lifespan=lifespan)

VARIETIES = ("gala", "fuji", "honeycrisp")


@app.post("/trees")
async def plant(request: Request, rows: list[int]) -> dict:
    async with request.app.state.db() as session:
        for row in rows:
            await session.execute(insert(Tree).values(variety="gala", row=row))  # expect: n-plus-one
        await session.commit()
    return {"planted": len(rows)}


@app.get("/varieties")
async def per_variety(request: Request) -> dict:
    counts = {}
    async with request.app.state.db() as session:
        for variety in VARIETIES:
            counts[variety] = await session.scalar(select(func.count()).where(Tree.variety == variety))
    return counts


@app.get("/readyz")
async def ready(request: Request) -> dict:
    try:
        async with request.app.state.db() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        raise HTTPException(503, "database unavailable") from exc
    return {"status": "ready"}
