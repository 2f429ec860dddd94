"""Dispatch endpoints used by the tool operator terminals."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from fabline.core.container import Container
from fabline.core.deps import get_container
from fabline.core.security import require_operator

router = APIRouter(prefix="/dispatch", tags=["dispatch"])


@router.get("/tools/{tool_id}/queue")
async def queue(tool_id: int, container: Container = Depends(get_container)) -> list[dict]:
    rows = await container.dispatch.repo.queue(tool_id)
    return [{"position": r["position"], "lot_id": r["lot_id"]} for r in rows]


@router.post("/tools/{tool_id}/next")
async def next_lot(
    tool_id: int, user: str = Depends(require_operator), container: Container = Depends(get_container)
) -> dict:
    lot_id = await container.dispatch.next_lot(tool_id)
    if lot_id is None:
        raise HTTPException(404, "nothing to dispatch")
    return {"tool_id": tool_id, "lot_id": lot_id, "operator": user}


@router.post("/tools/{tool_id}/recalculate")
async def request_recalculation(tool_id: int, container: Container = Depends(get_container)) -> dict:
    await container.dispatch.repo.request(tool_id, "manual")
    return {"queued": True}
