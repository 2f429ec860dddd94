from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from arenaplay.dependencies import current_player_id, replay_service
from arenaplay.services.replays import ReplayService

router = APIRouter(prefix="/replays", tags=["replays"])

MAX_REPLAY_BYTES = 64 * 1024 * 1024


@router.post("/{match_id}", status_code=202)
async def upload_replay(match_id: str, request: Request, svc: ReplayService = Depends(replay_service)) -> dict:
    blob = await request.body()
    if len(blob) > MAX_REPLAY_BYTES:
        return {"accepted": False, "reason": "too large"}
    result = await svc.spool(match_id, blob)
    await request.app.state.redis.xadd("replays:spooled", {"replay_id": result["replay_id"], "match_id": match_id},
                                       maxlen=100_000, approximate=True)
    return {"accepted": True, **result}


@router.get("/{match_id}")
async def download_replay(match_id: str, _: int = Depends(current_player_id),
                          svc: ReplayService = Depends(replay_service)) -> RedirectResponse:
    return RedirectResponse(await svc.presign(match_id), status_code=307)
