from fastapi import WebSocket


async def relay_channel(pubsub, websocket: WebSocket) -> None:
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                await websocket.send_text(message["data"])
    finally:
        await pubsub.aclose()
