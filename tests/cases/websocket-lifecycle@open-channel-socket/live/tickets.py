from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.websocket("/ws/projects/{project_id}/tickets")
async def ticket_stream(ws: WebSocket, project_id: int) -> None:  # expect: websocket-lifecycle
    await ws.accept()
    channel = ws.app.state.redis.pubsub()
    await channel.psubscribe(f"tickets:{project_id}:*")
    try:
        async for message in channel.listen():
            await ws.send_text(message["data"])
    finally:
        await channel.aclose()
