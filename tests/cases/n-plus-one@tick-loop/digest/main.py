import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from digest.store import DigestStore
from digest.worker import DigestWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://digest@db/digest", min_size=1, max_size=10)
    worker = DigestWorker(DigestStore(pool))
    app.state.worker = worker
    tasks = [asyncio.create_task(worker.run_forever()), asyncio.create_task(worker.heartbeat())]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/digests/preview")
async def preview() -> list[dict[str, int]]:
    return await app.state.worker.build_batch()


@app.post("/digests/preview-slow")
async def preview_slow() -> list[dict[str, int]]:
    return await app.state.worker.build_batch_slow()
