from __future__ import annotations

from litestar import WebSocket, websocket

from judgehall.ws.hub import ScoreboardHub, socket_principal


@websocket("/ws/contests/{contest_id:int}/scoreboard")
async def scoreboard_socket(socket: WebSocket, contest_id: int) -> None:
    hub: ScoreboardHub = socket.app.state.scoreboard_hub
    await socket.accept()
    hub.subscribe(contest_id, socket)
    await socket.send_json({"type": "hello", "contest_id": contest_id})
    while True:
        message = await socket.receive_text()
        if message == "ping":
            await socket.send_text("pong")


@websocket("/ws/jury/contests/{contest_id:int}/scoreboard")
async def jury_scoreboard_socket(socket: WebSocket, contest_id: int) -> None:
    principal = socket_principal(socket)
    if principal is None or not (principal.is_jury or principal.is_admin):
        await socket.close(code=4403, reason="jury only")
        return
    jury: ScoreboardHub = socket.app.state.jury_scoreboard_hub
    await socket.accept()
    jury.subscribe(contest_id, socket)
    try:
        while True:
            message = await socket.receive_text()
            if message == "ping":
                await socket.send_text("pong")
    finally:
        jury.unsubscribe(contest_id, socket)
