from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect
from pydantic import BaseModel

from ..cache.redis import query_channel
from ..deps import get_queries
from ..security import CurrentUser, current_user, require_site, user_from_ws_token
from ..services.queries import QueryService

log = logging.getLogger(__name__)

router = APIRouter(tags=["queries"])


class QueryIn(BaseModel):
    study_id: int
    site_id: int
    submission_id: int
    field_code: str
    text: str


class ReplyIn(BaseModel):
    body: str


@router.post("/queries", status_code=201)
async def raise_query(body: QueryIn, user: CurrentUser = Depends(current_user),
                      queries: QueryService = Depends(get_queries)) -> dict[str, int]:
    query_id = await queries.raise_manual(body.study_id, body.site_id, body.submission_id, body.field_code,
                                          body.text, user)
    return {"id": query_id}


@router.post("/queries/{query_id}/replies", status_code=201)
async def reply(query_id: int, body: ReplyIn, user: CurrentUser = Depends(current_user),
                queries: QueryService = Depends(get_queries)) -> dict[str, Any]:
    return await queries.reply(query_id, body.body, user)


@router.post("/queries/{query_id}/close")
async def close(query_id: int, user: CurrentUser = Depends(current_user),
                queries: QueryService = Depends(get_queries)) -> dict[str, bool]:
    return {"closed": await queries.close(query_id, user)}


@router.get("/sites/{site_id}/queries")
async def open_queries(site_id: int, user: CurrentUser = Depends(current_user),
                       queries: QueryService = Depends(get_queries)) -> list[dict[str, Any]]:
    require_site(site_id, user)
    return await queries.open_for_site(site_id)


@router.get("/studies/{study_id}/query-digest")
async def digest(study_id: int, user: CurrentUser = Depends(current_user),
                 queries: QueryService = Depends(get_queries)) -> list[dict[str, Any]]:
    return await queries.monitor_digest(study_id)


@router.websocket("/ws/queries/{query_id}")
async def query_thread_socket(websocket: WebSocket, query_id: int) -> None:
    container = websocket.app.state.container
    user = user_from_ws_token(websocket.query_params.get("token"), container.settings)
    if user is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    container.query_hub.join(query_id, websocket)
    while True:
        try:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=container.settings.ws_idle_timeout)
        except asyncio.TimeoutError:
            await websocket.send_json({"type": "ping"})
            continue
        except WebSocketDisconnect:
            break
        if message.get("type") == "typing":
            event = {"type": "typing", "query_id": query_id, "user": user.id}
            await container.redis.publish(query_channel(query_id), json.dumps(event))
