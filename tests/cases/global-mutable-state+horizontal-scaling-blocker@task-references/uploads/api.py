"""Upload routes."""
from __future__ import annotations

import time

from fastapi import FastAPI

from uploads.background import last_upload, remember_upload, running_count, start_background

app = FastAPI()


async def index_file(name: str) -> None:
    ...


@app.post("/uploads/{user_id}")
async def upload(user_id: str, name: str) -> dict:
    remember_upload(user_id, time.time())
    start_background(index_file(name), f"index {name}")
    return {"queued": running_count()}


@app.get("/uploads/{user_id}/last")
async def last(user_id: str) -> dict:
    return {"at": last_upload(user_id)}
