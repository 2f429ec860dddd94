from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import defaultdict

from starlette.websockets import WebSocket, WebSocketState

from readroom.cache.redis_client import get_redis
from readroom.services.notifications import CHANNEL

log = logging.getLogger(__name__)

SEND_TIMEOUT = 2.0


class ConnectionHub:
    """Sockets connected to this process, grouped by reading room (subspecialty)."""

    def __init__(self) -> None:
        self._rooms: dict[str, set[WebSocket]] = defaultdict(set)
        self._presence: dict[str, dict[int, str]] = defaultdict(dict)
        self._lock = threading.Lock()

    def join(self, room: str, ws: WebSocket, user_id: int, name: str) -> None:
        with self._lock:
            self._rooms[room].add(ws)
            self._presence[room][user_id] = name

    def leave(self, room: str, ws: WebSocket, user_id: int) -> None:
        with self._lock:
            self._rooms[room].discard(ws)
            self._presence[room].pop(user_id, None)
            if not self._rooms[room]:
                self._rooms.pop(room, None)
                self._presence.pop(room, None)

    def room_size(self, room: str) -> int:
        with self._lock:
            return len(self._rooms.get(room, ()))

    async def _safe_send(self, ws: WebSocket, message: dict) -> bool:
        if ws.application_state != WebSocketState.CONNECTED:
            return False
        try:
            await asyncio.wait_for(ws.send_json(message), timeout=SEND_TIMEOUT)
            return True
        except Exception:
            log.debug("dropping slow or closed socket", exc_info=True)
            return False

    async def broadcast(self, room: str, message: dict) -> None:
        with self._lock:
            targets = list(self._rooms.get(room, ()))
        if targets:
            await asyncio.gather(*(self._safe_send(ws, message) for ws in targets))

    async def broadcast_all(self, message: dict) -> None:
        with self._lock:
            rooms = list(self._rooms)
        for room in rooms:
            await self.broadcast(room, message)

    async def send_presence(self, room: str) -> None:
        with self._lock:
            members = sorted(self._presence.get(room, {}).values())
            await self.broadcast(room, {"type": "presence", "room": room, "members": members})

    async def heartbeat(self, interval: float = 25.0) -> None:
        """Keeps idle reading-room sockets alive through the load balancer's idle timeout."""
        while True:
            await asyncio.sleep(interval)
            with self._lock:
                targets = [ws for sockets in self._rooms.values() for ws in sockets]
            if not targets:
                continue
            results = await asyncio.gather(
                *(self._safe_send(ws, {"type": "heartbeat"}) for ws in targets), return_exceptions=True
            )
            dropped = sum(1 for r in results if r is not True)
            if dropped:
                log.info("heartbeat: %d sockets did not accept the ping", dropped)

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {room: len(sockets) for room, sockets in self._rooms.items()}

    async def run_fanout(self) -> None:
        """Relays events published by any replica to the sockets held by this one."""
        backoff = 1.0
        while True:
            pubsub = get_redis().pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                backoff = 1.0
                async for msg in pubsub.listen():
                    if msg.get("type") != "message":
                        continue
                    event = json.loads(msg["data"])
                    room = event.get("room")
                    if room:
                        await self.broadcast(room, event)
                    else:
                        await self.broadcast_all(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("fanout listener failed; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            finally:
                await pubsub.aclose()
