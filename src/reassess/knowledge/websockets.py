"""The WebSocket connection type as parameters are annotated with it: Starlette's `WebSocket`
(FastAPI re-exports it), however the annotation qualifies it."""
from __future__ import annotations

WEBSOCKET_TYPE = "WebSocket"


def annotated_websocket(annotation: str) -> bool:
    """The annotation as written names the connection type itself (`WebSocket`, `fastapi.WebSocket`,
    `starlette.websockets.WebSocket`): the parameter is the endpoint's connection. One test for the
    rules and models that look for that parameter, so they agree on which one it is; wrapped forms
    (`WebSocket | None`, a quoted name) and other types (`WebSocketResponse`) are not it."""
    return annotation.rsplit(".", 1)[-1] == WEBSOCKET_TYPE
