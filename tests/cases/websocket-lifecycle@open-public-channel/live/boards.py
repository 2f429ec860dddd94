from fastapi import APIRouter, WebSocket

from live.auth import viewer_from

router = APIRouter()


@router.websocket("/ws/boards/{board_id}")
async def board_stream(ws: WebSocket, board_id: int) -> None:
    viewer = await viewer_from(ws)
    if viewer is None:
        await ws.close(code=1008)
        return
    await ws.accept()
    channel = ws.app.state.redis.pubsub()
    await channel.subscribe(f"boards:{board_id}")  # expect: websocket-lifecycle
    async for message in channel.listen():
        await ws.send_text(message["data"])
