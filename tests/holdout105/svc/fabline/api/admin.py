"""Admin endpoints: cache maintenance, PM counters, outbox inspection."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends

from fabline.core.container import Container
from fabline.core.deps import get_container
from fabline.core.security import require_operator

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_operator)])
logger = logging.getLogger(__name__)


@router.post("/tools/{tool_id}/pm-reset")
async def reset_pm(tool_id: int, container: Container = Depends(get_container)) -> dict:
    await container.tool_state.reset_pm_counter(tool_id)
    return {"reset": tool_id}


@router.post("/cache/lotcards/flush")
async def flush_lot_cards(container: Container = Depends(get_container)) -> dict:
    deleted = 0
    async for key in container.redis.scan_iter(match="lotcard:*", count=500):
        deleted += await container.redis.delete(key)
    logger.info("flushed %d lot cards", deleted)
    return {"deleted": deleted}


@router.get("/outbox/pending")
async def outbox_pending(container: Container = Depends(get_container)) -> list[dict]:
    rows = await container.erp_service.outbox.pending(50)
    return [{"id": r["id"], "lot_id": r["lot_id"], "attempts": r["attempts"]} for r in rows]


@router.get("/ws/connections")
async def ws_connections(container: Container = Depends(get_container)) -> dict:
    return {"connected": container.hub.connected()}
