"""Handlers registered at import time, and a connection registry used at run time."""
from typing import Callable, Final

from fastapi import WebSocket

HANDLERS: dict[str, Callable] = {}
STATUS_LABELS: Final = {"new": "New", "filled": "Filled"}


def handler(name: str) -> Callable:
    def register(func: Callable) -> Callable:
        HANDLERS[name] = func
        return func
    return register


@handler("ping")
def ping() -> str:
    return "pong"


class Registry:
    def __init__(self) -> None:
        self.sockets: dict[str, WebSocket] = {}

    def add(self, key: str, websocket: WebSocket) -> None:
        self.sockets[key] = websocket

    def get(self, key: str) -> WebSocket | None:
        return self.sockets.get(key)


registry = Registry()  # expect: global-mutable-state
