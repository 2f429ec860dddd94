from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, Request

from stacks.deps import get_hold_service
from stacks.schemas import HoldIn
from stacks.services.holds import HoldService

router = APIRouter(prefix="/holds", tags=["holds"])
log = logging.getLogger(__name__)


@router.post("", status_code=201)
async def place_hold(body: HoldIn, request: Request, svc: HoldService = Depends(get_hold_service)) -> dict:
    hold = await svc.place(body.card_number, body.title_id, body.pickup_branch_id)
    asyncio.create_task(request.app.state.redis.xadd("holds:placed", {"hold_id": hold.id, "title_id": hold.title_id}))
    return {"id": hold.id, "status": hold.status}


@router.get("/patron/{patron_id}")
async def patron_holds(patron_id: int, svc: HoldService = Depends(get_hold_service)) -> list[dict]:
    return await svc.list_for_patron(patron_id)


@router.get("/patron/{patron_id}/detailed")
async def patron_holds_detailed(patron_id: int, svc: HoldService = Depends(get_hold_service)) -> list[dict]:
    return await svc.list_with_titles(patron_id)


@router.get("/titles/{title_id}/queue")
async def title_queue(title_id: int, svc: HoldService = Depends(get_hold_service)) -> dict:
    return {"positions": await svc.queue_positions(title_id)}


@router.get("/{hold_id}/position")
async def hold_position(hold_id: int, title_id: int, svc: HoldService = Depends(get_hold_service)) -> dict:
    return {"position": await svc.queue_position(hold_id, title_id)}
