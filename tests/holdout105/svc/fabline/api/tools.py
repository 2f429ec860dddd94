"""Tool endpoints: list with state, live status, gateway event intake."""
from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException

from fabline.core.container import Container
from fabline.core.deps import get_container, get_db
from fabline.core.security import gateway_rate_limit, require_gateway
from fabline.repositories.tool_repo import ToolEventRepository, ToolRepository

router = APIRouter(prefix="/tools", tags=["tools"])
logger = logging.getLogger(__name__)


@router.get("")
async def list_tools(
    tool_type: str | None = None,
    session=Depends(get_db),
    container: Container = Depends(get_container),
) -> list[dict]:
    tools = await ToolRepository(session).list_tools(tool_type)
    events = ToolEventRepository(container.pool)
    out = []
    for tool in tools:
        last = await events.latest(tool.id)
        out.append(
            {
                "id": tool.id,
                "name": tool.name,
                "state": tool.state,
                "last_event": last["event_name"] if last else None,
                "last_event_at": last["created_at"].isoformat() if last else None,
            }
        )
    return out


@router.get("/{tool_id}/live")
async def live_status(
    tool_id: int, session=Depends(get_db), container: Container = Depends(get_container)
) -> dict:
    tool = await ToolRepository(session).get(tool_id)
    if tool is None:
        raise HTTPException(404, "tool not found")
    status = await container.gateway.live_status(tool.name)
    return {"tool": tool.name, "live": status}


@router.get("/{tool_id}/snapshot")
async def snapshot(tool_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.tool_state.snapshot(tool_id)


@router.get("/{tool_id}/events")
async def events_for_day(
    tool_id: int, day: date, container: Container = Depends(get_container)
) -> list[dict]:
    rows = await ToolEventRepository(container.pool).events_on_day(tool_id, day)
    return [dict(r) for r in rows]


@router.post("/{tool_id}/events", dependencies=[Depends(require_gateway)])
async def post_event(tool_id: int, event: dict, container: Container = Depends(get_container)) -> dict:
    """Fallback intake for gateways that cannot write to the redis stream."""
    await gateway_rate_limit(str(event.get("gateway", tool_id)))
    await container.tool_state.apply_event({**event, "tool_id": tool_id})
    return {"accepted": True}
