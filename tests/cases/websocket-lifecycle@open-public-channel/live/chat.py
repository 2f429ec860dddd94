from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from live.auth import viewer_from

router = APIRouter()


@router.websocket("/ws/chat")
async def chat(ws: WebSocket) -> None:
    viewer = await viewer_from(ws)
    if viewer is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    try:
        while True:
            await ws.send_text(await ws.receive_text())
    except WebSocketDisconnect:
        return
