from __future__ import annotations

from litestar import WebSocket, websocket
from litestar.exceptions import WebSocketDisconnect

from judgehall.ws.hub import ClarificationHub, socket_principal


@websocket("/ws/jury/contests/{contest_id:int}/clarifications")
async def jury_clarifications_socket(socket: WebSocket, contest_id: int) -> None:
    await socket.accept()
    hub: ClarificationHub = socket.app.state.clarification_hub
    await hub.join(contest_id, socket)
    try:
        while True:
            await socket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        await hub.leave(contest_id, socket)


@websocket("/ws/contests/{contest_id:int}/announcements")
async def announcements_socket(socket: WebSocket, contest_id: int) -> None:
    principal = socket_principal(socket)
    if principal is None:
        await socket.close(code=4401, reason="authentication required")
        return
    announcements: ClarificationHub = socket.app.state.announcement_hub
    await socket.accept(headers={"x-feed": "announcements"})
    await announcements.join(contest_id, socket)
    try:
        while True:
            text = await socket.receive_text()
            if len(text) > 64:
                await socket.close(code=1009, reason="message too large")
                break
    except WebSocketDisconnect:
        pass
    finally:
        await announcements.leave(contest_id, socket)
