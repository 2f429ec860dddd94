"""Board websockets: the editor channel checks a token, the cursor channel does not."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from sqlalchemy import text

from .auth import read_token
from .db import session_factory
from .hub import Viewer, hub

router = APIRouter()


@router.websocket("/ws/boards/{board_id}/edit")
async def edit_board(ws: WebSocket, board_id: str) -> None:
    user = read_token(ws.query_params.get("token", ""))
    if user is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    viewer = Viewer(socket=ws, user_id=user)
    hub.attach(board_id, viewer)
    try:
        while True:
            change = await ws.receive_json()
            async with session_factory()() as session:
                await session.execute(text("UPDATE boards SET body = :b WHERE id = :i"),
                                      {"b": change["body"], "i": board_id})
                await session.commit()
    except WebSocketDisconnect:
        pass
    finally:
        hub.detach(board_id, viewer)


@router.websocket("/ws/boards/{board_id}/cursors")
async def board_cursors(ws: WebSocket, board_id: str) -> None:  # expect: websocket-lifecycle
    await ws.accept()
    viewer = Viewer(socket=ws, user_id="anonymous")
    hub.attach(board_id, viewer)  # expect: websocket-lifecycle
    async with session_factory()() as session:
        await session.execute(text("UPDATE boards SET viewed_at = now() WHERE id = :i"), {"i": board_id})
    while True:
        await ws.receive_json()  # expect: websocket-lifecycle
