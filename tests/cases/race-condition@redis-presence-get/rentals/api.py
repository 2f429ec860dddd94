import asyncpg
from fastapi import FastAPI

from rentals import service
from rentals.store import RentalStore

app = FastAPI()


async def _store() -> RentalStore:
    return RentalStore(await asyncpg.create_pool())


@app.post("/bikes/{bike_id}/rent")
async def rent(bike_id: int, rider_id: int) -> dict:
    rentals = service.RentalService(service.store_client, await _store())
    return {"rental": await rentals.rent(bike_id, rider_id), "safe": await rentals.rent_safely(bike_id, rider_id)}


@app.get("/bikes/{bike_id}/price")
async def price(bike_id: int) -> dict:
    rentals = service.RentalService(service.store_client, await _store())
    return {"price": await rentals.price_of(bike_id)}


@app.post("/exports/{day}")
async def export(day: str, token: str) -> dict:
    store = await _store()
    await service.require_session(token, store)
    await service.export_day(day, store)
    return {"ok": True}
