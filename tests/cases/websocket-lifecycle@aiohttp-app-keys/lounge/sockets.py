"""Lobby websockets: room chat, table chat and a presence push."""
from __future__ import annotations

import asyncio
import json

from aiohttp import WSMsgType, web

from lounge.keys import LOBBY, REDIS, TABLES
from lounge.tokens import user_of

routes = web.RouteTableDef()


class Client:
    def __init__(self, ws: web.WebSocketResponse, user_id: int) -> None:
        self.ws = ws
        self.user_id = user_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    def offer(self, message: str) -> None:
        if not self.outbox.full():
            self.outbox.put_nowait(message)


@routes.get("/ws/rooms/{room_id}")
async def room_chat(request: web.Request) -> web.WebSocketResponse:
    user_id = user_of(request)
    room_id = int(request.match_info["room_id"])
    hub = request.app[LOBBY]
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    client = Client(ws, user_id)
    await hub.join(room_id, client)  # expect: websocket-lifecycle
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await hub.publish(room_id, {"user": user_id, "text": msg.data[:500]})
    return ws


@routes.get("/ws/tables/{table_id}")
async def table_chat(request: web.Request) -> web.WebSocketResponse:
    user_id = user_of(request)
    table_id = int(request.match_info["table_id"])
    hub = request.app[TABLES]
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    client = Client(ws, user_id)
    await hub.join(table_id, client)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await hub.redis.publish(f"lobby:table:{table_id}", json.dumps({"text": msg.data[:500]}))
    finally:
        await hub.leave(table_id, client)
    return ws


@routes.get("/ws/tables/{table_id}/watch")
async def watch_table(request: web.Request) -> web.WebSocketResponse:
    user_id = user_of(request)
    table_id = int(request.match_info["table_id"])
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    await request.app[TABLES].join(table_id, Client(ws, user_id))  # expect: websocket-lifecycle
    async for msg in ws:
        if msg.type == WSMsgType.ERROR:
            break
    return ws


@routes.get("/ws/rooms/{room_id}/presence")
async def presence(request: web.Request) -> web.WebSocketResponse:
    user_id = user_of(request)
    key = f"presence:{request.match_info['room_id']}"
    redis = request.app[REDIS]
    sock = web.WebSocketResponse()
    await sock.prepare(request)  # expect: websocket-lifecycle
    while True:
        await redis.zadd(key, {str(user_id): asyncio.get_running_loop().time()})
        await sock.send_json({"online": await redis.zcard(key)})
        await asyncio.sleep(5)


@routes.get("/ws/rooms/{room_id}/typing")
async def typing(request: web.Request) -> web.WebSocketResponse:
    user_id = user_of(request)
    key = f"typing:{request.match_info['room_id']}"
    redis = request.app[REDIS]
    sock = web.WebSocketResponse(heartbeat=20)
    await sock.prepare(request)

    async def push() -> None:
        while True:
            await sock.send_json({"typing": await redis.smembers(key)})
            await asyncio.sleep(2)

    sender = asyncio.create_task(push())
    try:
        async for msg in sock:
            if msg.type == WSMsgType.TEXT:
                await redis.sadd(key, str(user_id))
    finally:
        sender.cancel()
    return sock
