from __future__ import annotations

from fastapi import APIRouter, Depends

from arenaplay.dependencies import anticheat_service, current_player_id
from arenaplay.schemas import ReportIn
from arenaplay.services.anticheat import AnticheatService

router = APIRouter(prefix="/reports", tags=["anticheat"])


@router.post("", status_code=201)
async def file_report(body: ReportIn, player_id: int = Depends(current_player_id),
                      svc: AnticheatService = Depends(anticheat_service)) -> dict:
    return await svc.submit_report(player_id, body)


@router.post("/screen")
async def screen(samples: list[list[float]], svc: AnticheatService = Depends(anticheat_service)) -> dict:
    return {"suspicious": await svc.quick_screen(samples)}
