import asyncpg
from fastapi import FastAPI

from yard.locks import KeyedLocks
from yard.services import Allocation, Deadlines

app = FastAPI()
locks = KeyedLocks()


@app.post("/bays/{bay_id}/assign")
async def assign(bay_id: int, crane_id: int, other_id: int) -> dict:
    pool = await asyncpg.create_pool()
    allocation = Allocation(pool, locks, Deadlines(pool, locks))
    await allocation.assign(bay_id)
    await allocation.assign_crane(bay_id, crane_id)
    await allocation.assign_other(bay_id, other_id)
    return {"ok": True}
