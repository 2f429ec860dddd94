from __future__ import annotations

from uuid import UUID

from fastapi import Depends, HTTPException, WebSocket, status

from feeds.hub import ActivityFeed

_feed = ActivityFeed()


def get_feed() -> ActivityFeed:
    return _feed


async def verify_session(websocket: WebSocket) -> UUID:
    raw = websocket.cookies.get("session", "")
    if not raw:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED)
    return UUID(raw)


Feed = Depends(get_feed)
