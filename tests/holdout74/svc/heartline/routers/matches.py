"""Matches and message history (live chat is on the websocket)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from ..deps import CurrentUser, Services

router = APIRouter(prefix="/v1/matches", tags=["matches"])


@router.get("")
async def list_matches(user: CurrentUser, svc: Services) -> list[dict[str, Any]]:
    return await svc.matching.list_matches(user.user_id)


@router.get("/{match_id}/messages")
async def message_history(
    match_id: int,
    user: CurrentUser,
    svc: Services,
    before: int | None = Query(None, ge=1),
    limit: int = Query(50, ge=1, le=100),
) -> Any:
    match = await svc.match_repo.get_for_member(match_id, user.user_id)
    if match is None:
        return JSONResponse(status_code=404, content={"message": "match not found"})
    return await svc.chat.history(match, before, limit)


@router.delete("/{match_id}", status_code=204)
async def unmatch(match_id: int, user: CurrentUser, svc: Services) -> Response:
    await svc.matching.unmatch(match_id, user.user_id)
    return Response(status_code=204)
