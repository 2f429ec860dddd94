from __future__ import annotations

import asyncpg
from fastapi import FastAPI

from depot.db.parcels import ParcelRepository

app = FastAPI()


@app.get("/routes/{route_id}/manifest")
async def manifest(route_id: int) -> list[dict]:
    conn = await asyncpg.connect("postgresql://depot@db/depot")
    try:
        return await ParcelRepository(conn).manifest(route_id)
    finally:
        await conn.close()


@app.get("/routes/{route_id}/manifest-fast")
async def manifest_fast(route_id: int) -> list[dict]:
    conn = await asyncpg.connect("postgresql://depot@db/depot")
    try:
        return await ParcelRepository(conn).manifest_batched(route_id)
    finally:
        await conn.close()
