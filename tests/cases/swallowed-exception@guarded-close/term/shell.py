"""A terminal socket that gives up on a failed start: closing a socket that may already be gone is
best effort; a guarded write of the failure to an audit store is not."""
from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketState

router = APIRouter()
log = logging.getLogger(__name__)


class Audit:
    async def record(self, event: str) -> None:
        print(event)


audit = Audit()


def spawn_shell() -> int:
    raise OSError("no pty")


@router.websocket("/shell")
async def shell(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        spawn_shell()
    except OSError as exc:
        log.error("shell failed to start: %s", exc)
        try:
            if websocket.application_state != WebSocketState.DISCONNECTED:
                await websocket.close(code=1011)
        except Exception:
            pass
        try:
            if websocket.application_state != WebSocketState.DISCONNECTED:
                await audit.record("shell-start-failed")
        except Exception:  # expect: swallowed-exception
            pass
