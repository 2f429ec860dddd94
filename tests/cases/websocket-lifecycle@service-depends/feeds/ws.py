from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect

from feeds.deps import Feed, get_feed, verify_session
from feeds.hub import ActivityFeed

router = APIRouter()


@router.websocket("/ws/accounts/{account_id}/activity")
async def account_activity(websocket: WebSocket, account_id: UUID, feed: ActivityFeed = Depends(get_feed)) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    feed.subscribe(account_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        feed.unsubscribe(account_id, websocket)


@router.websocket("/ws/me/activity")
async def my_activity(websocket: WebSocket, account_id: UUID = Depends(verify_session), feed: ActivityFeed = Feed) -> None:
    await websocket.accept()
    feed.subscribe(account_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        feed.unsubscribe(account_id, websocket)


@router.websocket("/ws/teams/{team_id}/activity")
async def team_activity(websocket: WebSocket, team_id: UUID, session: UUID = Depends(verify_session), feed: ActivityFeed = Feed) -> None:
    await websocket.accept()
    feed.subscribe(team_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        feed.unsubscribe(team_id, websocket)
