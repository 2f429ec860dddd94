"""Per-replica registry of dashboard sockets; fan-out between replicas goes through redis."""
from fastapi import WebSocket


class BoardHub:
    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._by_session: dict[str, WebSocket] = {}
        self._by_board: dict[int, set[WebSocket]] = {}

    def has_room(self) -> bool:
        return len(self._by_session) < self._limit

    def register(self, session_id: str, websocket: WebSocket) -> None:
        self._by_session[session_id] = websocket

    def unregister(self, session_id: str) -> None:
        self._by_session.pop(session_id, None)

    def attach(self, board_id: int, websocket: WebSocket) -> None:
        self._by_board.setdefault(board_id, set()).add(websocket)

    def detach(self, board_id: int, websocket: WebSocket) -> None:
        self._by_board.get(board_id, set()).discard(websocket)


hub = BoardHub(limit=500)
