from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile

from ..dependencies import current_user, timetracking_service
from ..models import User
from ..services.chat import ChatService
from ..services.timetracking import TimeTrackingService

router = APIRouter(prefix="/tracker", tags=["time-tracking"])

MAX_FRAMES_PER_BATCH = 30
MAX_FRAME_BYTES = 4 * 1024 * 1024


@router.post("/contracts/{contract_id}/batches", status_code=201)
async def upload_batch(
    contract_id: int,
    request: Request,
    started_at: datetime = Form(...),
    ended_at: datetime = Form(...),
    frames: list[UploadFile] = File(...),
    user: User = Depends(current_user),
    svc: TimeTrackingService = Depends(timetracking_service),
) -> dict[str, Any]:
    if len(frames) > MAX_FRAMES_PER_BATCH:
        raise HTTPException(status_code=413, detail="too many frames in one batch")
    chat: ChatService = request.app.state.chat
    if not await chat.is_party(contract_id, user.id):
        raise HTTPException(status_code=404, detail="contract not found")
    payload: dict[str, bytes] = {}
    for frame in frames:
        data = await frame.read()
        if len(data) > MAX_FRAME_BYTES:
            raise HTTPException(status_code=413, detail=f"{frame.filename} is too large")
        payload[frame.filename or f"frame-{len(payload)}.png"] = data
    return await svc.ingest_batch(contract_id, user.id, started_at, ended_at, payload)
