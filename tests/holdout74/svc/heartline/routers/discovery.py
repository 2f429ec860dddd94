"""Discovery feed and swiping."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ..deps import ClientIP, CurrentUser, Services

router = APIRouter(prefix="/v1", tags=["discovery"])


class SwipeBody(BaseModel):
    user_id: int
    direction: Literal["like", "pass", "superlike"]


@router.get("/discover")
async def discover(user: CurrentUser, svc: Services, ip: ClientIP, page: int = Query(0, ge=0, le=50)) -> list[dict[str, Any]]:
    return await svc.discovery.feed(user.user_id, page, ip)


@router.post("/swipes")
async def swipe(body: SwipeBody, user: CurrentUser, svc: Services) -> dict[str, Any]:
    return await svc.matching.swipe(user.user_id, body.user_id, body.direction)


@router.post("/swipes/undo")
async def undo_swipe(user: CurrentUser, svc: Services) -> dict[str, Any]:
    return await svc.matching.undo_last_swipe(user.user_id)


@router.get("/likes")
async def likes_you(user: CurrentUser, svc: Services) -> list[dict[str, Any]]:
    return await svc.matching.likes_you(user.user_id)
