"""Progress streams: the client watches an upload (or a folder) until processing ends."""
from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from .store import Uploads

router = APIRouter()
POLL_SECONDS = 2


@router.get("/uploads/{upload_id}/progress")
async def upload_progress(upload_id: str) -> StreamingResponse:
    LIMIT = 3600 * 2

    async def stream(watched: str):
        for _ in range(LIMIT):
            upload = await Uploads.by_id(watched)
            state = (upload.meta or {}).get("state") if upload else "missing"
            yield f"data: {json.dumps({'state': state})}\n\n"
            if state in ("done", "failed", "missing"):
                break
            await asyncio.sleep(1)

    return StreamingResponse(stream(upload_id), media_type="text/event-stream")


@router.get("/folders/{folder_id}/pending")
async def folder_pending(folder_id: str) -> StreamingResponse:
    async def stream(watched: str):
        MAX_WAIT = 3600
        for tick in range(MAX_WAIT // POLL_SECONDS):
            pending = await Uploads.unfinished_in(watched)
            yield f"data: {json.dumps([u.id for u in pending])}\n\n"
            if not pending:
                break
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(stream(folder_id), media_type="text/event-stream")


@router.post("/uploads/states")
async def upload_states(upload_ids: list[str]) -> dict[str, str]:
    states = {}
    for index in range(len(upload_ids)):
        upload = await Uploads.by_id(upload_ids[index])  # expect: n-plus-one
        states[upload_ids[index]] = (upload.meta or {}).get("state", "") if upload else "missing"
        await asyncio.sleep(0.05)
    return states
