"""Registry of websocket connections held by this process."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)


class ClientConn:
    __slots__ = ("ws", "user_id", "subscriptions", "queue", "sender", "closed")

    def __init__(self, ws: WebSocket, user_id: int | None) -> None:
        self.ws = ws
        self.user_id = user_id
        self.subscriptions: set[int] = set()
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.sender: asyncio.Task | None = None
        self.closed = False

    async def pump(self) -> None:
        try:
            while True:
                msg = await self.queue.get()
                await self.ws.send_text(msg)
        except (WebSocketDisconnect, RuntimeError, ConnectionError):
            self.closed = True


class ConnectionHub:
    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self._conns: set[ClientConn] = set()
        self._by_user: dict[int, set[ClientConn]] = {}
        self._by_selection: dict[int, set[ClientConn]] = {}
        self._score_watchers: set[ClientConn] = set()

    def __len__(self) -> int:
        return len(self._conns)

    def full(self) -> bool:
        return len(self._conns) >= self.max_connections

    def add(self, ws: WebSocket, user_id: int | None) -> ClientConn:
        conn = ClientConn(ws, user_id)
        conn.sender = asyncio.create_task(conn.pump(), name=f"ws-pump-{id(ws)}")
        self._conns.add(conn)
        if user_id is not None:
            self._by_user.setdefault(user_id, set()).add(conn)
        return conn

    def watch_scores(self, conn: ClientConn) -> None:
        self._score_watchers.add(conn)

    def subscribe(self, conn: ClientConn, selection_ids: list[int]) -> None:
        for sel in selection_ids:
            conn.subscriptions.add(sel)
            self._by_selection.setdefault(sel, set()).add(conn)

    def unsubscribe(self, conn: ClientConn, selection_ids: list[int]) -> None:
        for sel in selection_ids:
            conn.subscriptions.discard(sel)
            watchers = self._by_selection.get(sel)
            if watchers is not None:
                watchers.discard(conn)
                if not watchers:
                    del self._by_selection[sel]

    def remove(self, conn: ClientConn) -> None:
        self.unsubscribe(conn, list(conn.subscriptions))
        self._conns.discard(conn)
        self._score_watchers.discard(conn)
        if conn.user_id is not None:
            peers = self._by_user.get(conn.user_id)
            if peers is not None:
                peers.discard(conn)
                if not peers:
                    del self._by_user[conn.user_id]
        if conn.sender is not None:
            conn.sender.cancel()

    def send_to_user(self, user_id: int, payload: dict[str, Any]) -> int:
        msg = json.dumps(payload)
        targets = self._by_user.get(user_id, ())
        for conn in targets:
            conn.queue.put_nowait(msg)
        return len(targets)

    def broadcast_prices(self, updates: list[dict[str, Any]]) -> None:
        per_conn: dict[ClientConn, list[dict[str, Any]]] = {}
        for upd in updates:
            for conn in self._by_selection.get(upd["selection_id"], ()):
                per_conn.setdefault(conn, []).append(upd)
        for conn, items in per_conn.items():
            conn.queue.put_nowait(json.dumps({"type": "prices", "items": items}))

    def broadcast_score(self, score: dict[str, Any]) -> None:
        msg = json.dumps({"type": "score", **score})
        for conn in self._score_watchers:
            conn.queue.put_nowait(msg)
