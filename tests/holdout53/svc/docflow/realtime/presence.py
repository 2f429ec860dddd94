"""Who is looking at which document, shared across instances through redis."""
from __future__ import annotations

import json
import logging
import time

from fastapi import WebSocket

from docflow.redis_client import redis

PRESENCE_TTL = 45


def _key(document_id: str) -> str:
    return f"presence:{document_id}"


async def touch(document_id: str, user_id: str, client_id: str, meta: dict) -> None:
    now = time.time()
    pipe = redis().pipeline(transaction=True)
    pipe.zadd(_key(document_id), {f"{user_id}:{client_id}": now})
    pipe.hset(f"{_key(document_id)}:meta", f"{user_id}:{client_id}", json.dumps(meta))
    pipe.expire(_key(document_id), PRESENCE_TTL * 2)
    pipe.expire(f"{_key(document_id)}:meta", PRESENCE_TTL * 2)
    await pipe.execute()


async def leave(document_id: str, user_id: str, client_id: str) -> None:
    member = f"{user_id}:{client_id}"
    await redis().zrem(_key(document_id), member)
    await redis().hdel(f"{_key(document_id)}:meta", member)


async def online(document_id: str) -> list[dict]:
    cutoff = time.time() - PRESENCE_TTL
    await redis().zremrangebyscore(_key(document_id), 0, cutoff)
    members = await redis().zrange(_key(document_id), 0, -1)
    if not members:
        return []
    metas = await redis().hmget(f"{_key(document_id)}:meta", members)
    out = []
    for member, meta in zip(members, metas):
        user_id, _, client_id = member.partition(":")
        out.append({"user_id": user_id, "client_id": client_id, **(json.loads(meta) if meta else {})})
    return out


async def viewer_count(document_id: str) -> int:
    return await redis().zcard(_key(document_id))


async def bump_edit_streak(document_id: str, user_id: str) -> int:
    key = f"streak:{document_id}:{user_id}"
    current = await redis().get(key)
    streak = int(current or 0) + 1
    await redis().set(key, streak, ex=300)
    return streak


log = logging.getLogger(__name__)

cursor_sockets: dict[str, list[WebSocket]] = {}
last_cursor: dict[str, dict] = {}


def register(document_id: str, ws: WebSocket) -> None:
    cursor_sockets.setdefault(document_id, []).append(ws)


async def broadcast_cursor(document_id: str, sender: WebSocket, payload: dict) -> None:
    last_cursor[f"{document_id}:{id(sender)}"] = payload
    message = json.dumps({"type": "cursor", **payload})
    for ws in cursor_sockets.get(document_id, []):
        if ws is not sender:
            await ws.send_text(message)
