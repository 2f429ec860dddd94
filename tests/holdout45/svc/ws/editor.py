"""Editor-side websockets: presence on an article, and the live-blog author console."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from fastapi import APIRouter, WebSocket

from ..config import get_settings
from ..db.connections import pool
from ..repos.liveblog import LiveBlogRepository
from ..services.liveblog import LiveBlogService
from ..utils.auth import principal_from_ws


log = logging.getLogger(__name__)


@dataclass(eq=False)
class EditorSession:
    user_id: int
    article_id: int
    ws: WebSocket
    joined_at: float = field(default_factory=time.time)
    outbox: asyncio.Queue = field(default_factory=asyncio.Queue)


class Presence:
    def __init__(self) -> None:
        self._by_article: dict[int, dict[int, EditorSession]] = {}

    def join(self, session: EditorSession) -> list[int]:
        editors = self._by_article.setdefault(session.article_id, {})
        editors[session.user_id] = session
        return sorted(editors)

    def leave(self, session: EditorSession) -> None:
        editors = self._by_article.get(session.article_id)
        if editors and editors.get(session.user_id) is session:
            del editors[session.user_id]
            if not editors:
                del self._by_article[session.article_id]

    def editors(self, article_id: int) -> list[int]:
        return sorted(self._by_article.get(article_id, {}))

    def broadcast(self, article_id: int, event: dict) -> None:
        for session in self._by_article.get(article_id, {}).values():
            session.outbox.put_nowait(event)

    async def pump(self, session: EditorSession) -> None:
        while True:
            event = await session.outbox.get()
            await session.ws.send_json(event)


presence = Presence()


router = APIRouter()


@router.websocket("/desk/articles/{article_id}/presence")
async def article_presence(websocket: WebSocket, article_id: int) -> None:
    principal = principal_from_ws(websocket, get_settings())
    if principal is None:
        await websocket.close(code=4401)
        return
    await websocket.accept(subprotocol="desk.v1")
    session = EditorSession(principal.user_id, article_id, websocket)
    editors = presence.join(session)
    presence.broadcast(article_id, {"type": "editors", "editors": editors})
    pump = asyncio.create_task(presence.pump(session))
    try:
        while True:
            msg = await websocket.receive_json()
            if msg.get("type") == "cursor":
                presence.broadcast(article_id, {"type": "cursor", "user": principal.user_id, "pos": msg.get("pos")})
    except WebSocketDisconnect:
        log.info("editor %s left article %s", principal.user_id, article_id)
    finally:
        pump.cancel()


@router.websocket("/desk/live/{blog_id}/console")
async def author_console(websocket: WebSocket, blog_id: int) -> None:
    await websocket.accept()
    service = LiveBlogService(LiveBlogRepository(pool()), websocket.app.state.reader_hub, websocket.app.state.redis)
    while True:
        msg = await websocket.receive_json()
        if msg.get("action") == "post":
            entry = await service.post(blog_id, int(msg["author_id"]), msg.get("kind", "text"), msg["body"])
            await websocket.send_json({"ok": True, "id": entry["id"]})
        elif msg.get("action") == "pin":
            await service.pin(int(msg["entry_id"]))
            await websocket.send_json({"ok": True})
