"""Which sockets follow which vehicle or driver, in this process."""
from fastapi import WebSocket


class Followers:
    def __init__(self) -> None:
        self.by_key: dict[object, set[WebSocket]] = {}

    def watch(self, key: object, ws: WebSocket) -> None:
        self.by_key.setdefault(key, set()).add(ws)

    def unwatch(self, key: object, ws: WebSocket) -> None:
        self.by_key.get(key, set()).discard(ws)


followers = Followers()
