from __future__ import annotations

import json

from litestar import WebSocket, websocket
from redis.asyncio import Redis

from judgehall.cache import keys
from judgehall.models import Submission
from judgehall.ws.hub import socket_principal


@websocket("/ws/submissions/{submission_id:int}")
async def verdict_socket(socket: WebSocket, submission_id: int) -> None:
    principal = socket_principal(socket)
    if principal is None:
        await socket.close(code=4401, reason="authentication required")
        return
    async with socket.app.state.session_factory() as session:
        sub = await session.get(Submission, submission_id)
    if sub is None or (sub.user_id != principal.user_id and not principal.is_jury):
        await socket.close(code=4404, reason="submission not found")
        return

    await socket.accept()
    redis: Redis = socket.app.state.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe(keys.submission_channel(submission_id))
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        await socket.send_text(message["data"])
        if json.loads(message["data"]).get("status") in ("judged", "failed"):
            break
    await socket.close()
