"""Editor API: segment edit locks and cached summaries kept in redis."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request

from segments.services.locks import SegmentLocks


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", decode_responses=True)
    app.state.locks = SegmentLocks(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/segments/{segment_id}/lock")
async def lock_segment(segment_id: int, user_id: int, request: Request) -> dict[str, bool]:
    locks: SegmentLocks = request.app.state.locks
    taken = await locks.acquire(segment_id, user_id)
    await locks.acquire_atomically(segment_id, user_id)
    await locks.summary(segment_id)
    await locks.editor_name(segment_id, user_id)
    return {"taken": taken}
