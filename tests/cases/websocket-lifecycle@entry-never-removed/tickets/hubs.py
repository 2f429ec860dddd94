"""Who is watching which ticket queue, and since when."""
import time

from fastapi import WebSocket


class QueueWatchers:
    def __init__(self) -> None:
        self._watchers: dict[str, set[WebSocket]] = {}
        self._since: dict[int, float] = {}
        self._agent: dict[WebSocket, str] = {}

    def watch(self, queue: str, ws: WebSocket, agent: str) -> None:
        self._watchers.setdefault(queue, set()).add(ws)
        self._since[id(ws)] = time.monotonic()  # expect: websocket-lifecycle
        self._agent[ws] = agent

    def unwatch(self, queue: str, ws: WebSocket) -> None:
        self._watchers.get(queue, set()).discard(ws)
        self._agent.pop(ws, None)

    def idle_for(self, ws: WebSocket) -> float:
        return time.monotonic() - self._since.get(id(ws), time.monotonic())


class TicketViewers:
    def __init__(self) -> None:
        self._viewers: dict[int, set[WebSocket]] = {}
        self._opened: dict[int, float] = {}

    def open(self, ticket_id: int, ws: WebSocket) -> None:
        self._viewers.setdefault(ticket_id, set()).add(ws)
        self._opened[id(ws)] = time.monotonic()

    def close(self, ticket_id: int, ws: WebSocket) -> None:
        self._viewers.get(ticket_id, set()).discard(ws)
        del self._opened[id(ws)]
