from fastapi import FastAPI

from labflow.locking import KeyedLocks
from labflow.services.pooling import PoolingService
from labflow.services.runs import RunService

app = FastAPI()
db = object()
locks = KeyedLocks()
runs = RunService(db, locks)
pooling = PoolingService(db, locks, runs)


@app.post("/runs/{run_id}/pools/{pool_id}")
async def assign(run_id: int, pool_id: int, lane: int) -> dict:
    await runs.assign_pool(run_id, pool_id, lane)
    await runs.attach_sheet(run_id, lane)
    return {}


@app.post("/pools/{pool_id}/finalize")
async def finalize(pool_id: int) -> dict:
    await pooling.finalize_pool(pool_id)
    return {}


@app.post("/pools/{pool_id}/samples/{sample_id}")
async def add_sample(pool_id: int, sample_id: int, other: int) -> dict:
    await pooling.add_sample(pool_id, sample_id)
    await pooling.relabel(pool_id, sample_id, "x")
    await pooling.merge_pools(pool_id, other)
    return {}
