from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot import pg


@asynccontextmanager
async def lifespan(app: FastAPI):
    await pg.open_pool("postgresql://depot@db.internal/depot")
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/parcels")
async def parcels() -> list[dict]:
    return [dict(r) for r in await pg.fetch_all("SELECT id, state FROM parcels ORDER BY id LIMIT 50")]


@app.get("/parcels/{parcel_id}")
async def parcel(parcel_id: int) -> dict:
    row = await pg.fetch_one("SELECT id, state FROM parcels WHERE id = $1", parcel_id)
    return dict(row) if row else {}
