from __future__ import annotations

import json
import logging
import weakref

from aiohttp import WSMsgType, web

from ..core.container import CONTAINER
from ..core.security import decode_token

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


class ReviewFeed:
    """Live progress feed for PC chairs while reviews come in."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    def add(self, ws: web.WebSocketResponse) -> None:
        self._sockets.add(ws)

    def discard(self, ws: web.WebSocketResponse) -> None:
        self._sockets.discard(ws)

    async def publish(self, event: dict) -> None:
        payload = json.dumps(event)
        for ws in list(self._sockets):
            if ws.closed:
                self._sockets.discard(ws)
                continue
            try:
                await ws.send_str(payload)
            except ConnectionResetError:
                self._sockets.discard(ws)

    async def close_all(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"server shutdown")


FEED = web.AppKey("review_feed", ReviewFeed)


@routes.get("/ws/chairs/reviews")
async def review_feed(request: web.Request) -> web.WebSocketResponse:
    claims = decode_token(request.query.get("token", ""), request.app[CONTAINER].settings.jwt_secret)
    if claims is None or claims.get("role") != "pc_chair":
        raise web.HTTPForbidden()
    feed = request.app[FEED]
    ws = web.WebSocketResponse(heartbeat=20)
    await ws.prepare(request)
    feed.add(ws)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.ERROR:
                log.warning("review feed socket error: %s", ws.exception())
    finally:
        feed.discard(ws)
    return ws
