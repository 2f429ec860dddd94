from __future__ import annotations

from litestar import WebSocket
from litestar.handlers import WebsocketListener

from judgehall.cache import keys
from judgehall.ws.hub import socket_principal


class JudgeQueueListener(WebsocketListener):
    """Admin dashboard feed: replies with current queue depths on each ping."""

    path = "/ws/admin/queue"

    async def on_accept(self, socket: WebSocket) -> None:
        principal = socket_principal(socket)
        if principal is None or not principal.is_admin:
            await socket.close(code=4403, reason="admin only")
            return
        socket.app.state.queue_watchers.add(socket)

    async def on_disconnect(self, socket: WebSocket) -> None:
        socket.app.state.queue_watchers.discard(socket)

    async def on_receive(self, data: str, socket: WebSocket) -> dict:
        redis = socket.app.state.redis
        judge, rejudge = await redis.llen(keys.QUEUE_JUDGE), await redis.llen(keys.QUEUE_REJUDGE)
        return {"judge": judge, "rejudge": rejudge}
