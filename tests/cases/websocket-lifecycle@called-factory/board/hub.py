"""Sockets watching one board, each wrapped with its viewer."""
from dataclasses import dataclass

from fastapi import WebSocket


@dataclass
class Viewer:
    socket: WebSocket
    user_id: str


class BoardHub:
    def __init__(self) -> None:
        self.viewers: dict[str, list[Viewer]] = {}

    def attach(self, board_id: str, viewer: Viewer) -> None:
        self.viewers.setdefault(board_id, []).append(viewer)

    def detach(self, board_id: str, viewer: Viewer) -> None:
        self.viewers.get(board_id, []).remove(viewer)


hub = BoardHub()
