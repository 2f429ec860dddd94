"""Parcel locker API."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from lockers.couriers import claim_van, log_mileage
from lockers.service import DropService
from lockers.store import LockerStore


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://db/lockers")
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


def drops(request: Request) -> DropService:
    return DropService(LockerStore(request.app.state.pool))


@app.post("/lockers/{locker_id}/drop")
async def drop(locker_id: int, parcel: str, request: Request) -> None:
    await drops(request).drop(locker_id, parcel)


@app.post("/lockers/{locker_id}/drop-atomic")
async def drop_atomic(locker_id: int, parcel: str, request: Request) -> None:
    await drops(request).drop_atomically(locker_id, parcel)


@app.post("/lockers/{locker_id}/collect")
async def collect(locker_id: int, request: Request) -> None:
    await drops(request).collect(locker_id)


@app.post("/vans/{van_id}/claim")
async def claim(van_id: int, courier_id: int, request: Request) -> None:
    await claim_van(request.app.state.pool, van_id, courier_id)


@app.post("/vans/{van_id}/mileage")
async def mileage(van_id: int, courier_id: int, km: int, request: Request) -> None:
    await log_mileage(request.app.state.pool, van_id, courier_id, km)
