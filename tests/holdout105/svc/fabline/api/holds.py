"""Hold / release endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from fabline.core.deps import get_db, get_hold_service
from fabline.core.security import require_operator
from fabline.repositories.hold_repo import HoldRepository
from fabline.services.hold_service import HoldService

router = APIRouter(prefix="/holds", tags=["holds"])


class HoldIn(BaseModel):
    reason: str = Field(pattern=r"^[A-Z]{3,4}$")
    comment: str = ""


class MergeIn(BaseModel):
    child_id: int
    tool_ids: list[int]


@router.post("/lots/{lot_id}")
async def place_hold(
    lot_id: int, body: HoldIn, user: str = Depends(require_operator), svc: HoldService = Depends(get_hold_service)
) -> dict:
    hold_id = await svc.place(lot_id, body.reason, user, body.comment)
    return {"hold_id": hold_id}


@router.post("/lots/{lot_id}/release/{hold_id}")
async def release_hold(
    lot_id: int, hold_id: int, user: str = Depends(require_operator), svc: HoldService = Depends(get_hold_service)
) -> dict:
    await svc.release(lot_id, hold_id, user)
    return {"released": hold_id}


@router.post("/lots/{lot_id}/merge")
async def merge(
    lot_id: int, body: MergeIn, user: str = Depends(require_operator), svc: HoldService = Depends(get_hold_service)
) -> dict:
    await svc.merge_lots(lot_id, body.child_id, body.tool_ids, user)
    return {"merged": body.child_id}


@router.get("/reason/{reason_code}")
async def holds_by_reason(reason_code: str, session=Depends(get_db)) -> list[dict]:
    holds = await HoldRepository(session).by_reason(reason_code)
    return [{"id": h.id, "lot_id": h.lot_id, "placed_by": h.placed_by} for h in holds]
