from __future__ import annotations

import asyncio
import json
import logging
import time

from aiohttp import WSMsgType, web

from ..core.container import CONTAINER
from ..core.security import decode_token
from .hub import ChatHub

log = logging.getLogger(__name__)
routes = web.RouteTableDef()

HUB = web.AppKey("chat_hub", ChatHub)
MAX_MESSAGE_CHARS = 2000


class ChatClient:
    def __init__(self, ws: web.WebSocketResponse, user_id: int) -> None:
        self.ws = ws
        self.user_id = user_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue()

    def offer(self, message: str) -> None:
        self.outbox.put_nowait(message)

    async def pump(self) -> None:
        while True:
            message = await self.outbox.get()
            await self.ws.send_str(message)


@routes.get("/ws/sessions/{session_id}/chat")
async def session_chat(request: web.Request) -> web.WebSocketResponse:
    container = request.app[CONTAINER]
    claims = decode_token(request.query.get("token", ""), container.settings.jwt_secret)
    if claims is None:
        raise web.HTTPUnauthorized()
    session_id = int(request.match_info["session_id"])
    hub = request.app[HUB]

    ws = web.WebSocketResponse(heartbeat=30, max_msg_size=16 * 1024)
    await ws.prepare(request)
    client = ChatClient(ws, claims["sub"])
    await hub.join(session_id, client)
    pump = asyncio.create_task(client.pump())

    async for msg in ws:
        if msg.type != WSMsgType.TEXT:
            continue
        try:
            data = json.loads(msg.data)
        except:
            await ws.send_json({"error": "invalid message"})
            continue
        text = str(data.get("text", ""))[:MAX_MESSAGE_CHARS]
        if not text.strip():
            continue
        if not await container.rate_limiter.hit(f"chat:{claims['sub']}"):
            await ws.send_json({"error": "slow down"})
            continue
        await hub.publish(session_id, {"user": claims["sub"], "text": text, "ts": time.time()})

    pump.cancel()
    return ws


PRESENCE_WINDOW = 15


async def online_users(redis, session_id: int) -> list[int]:
    key = f"presence:{session_id}"
    await redis.zremrangebyscore(key, 0, time.time() - PRESENCE_WINDOW)
    return [int(m) for m in await redis.zrange(key, 0, -1)]


@routes.get("/ws/sessions/{session_id}/presence")
async def presence(request: web.Request) -> web.WebSocketResponse:
    container = request.app[CONTAINER]
    claims = decode_token(request.query.get("token", ""), container.settings.jwt_secret)
    if claims is None:
        raise web.HTTPUnauthorized()
    session_id = int(request.match_info["session_id"])
    key = f"presence:{session_id}"

    sock = web.WebSocketResponse()
    await sock.prepare(request)
    while True:
        await container.redis.zadd(key, {str(claims["sub"]): time.time()})
        await container.redis.expire(key, PRESENCE_WINDOW * 4)
        await sock.send_json({"online": await online_users(container.redis, session_id)})
        await asyncio.sleep(5)
