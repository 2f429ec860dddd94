"""Order status streams: per-connection queues registered in the shared hub."""
import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.ws.hub import hub

router = APIRouter()
SOCKETS: dict[str, WebSocket] = {}


async def pump(websocket: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        await websocket.send_json(await queue.get())


@router.websocket("/ws/orders/{order_id}")
async def order_socket(websocket: WebSocket, order_id: str) -> None:
    await websocket.accept()
    queue = hub.subscribe(order_id)  # expect: websocket-lifecycle
    sender = asyncio.create_task(pump(websocket, queue))
    try:
        while True:
            message = await websocket.receive_json()
            if message.get("type") == "stop":
                break
    except WebSocketDisconnect:
        sender.cancel()
        return
    sender.cancel()
    hub.unsubscribe(order_id, queue)


@router.websocket("/ws/orders/{order_id}/safe")
async def order_socket_safe(websocket: WebSocket, order_id: str) -> None:
    await websocket.accept()
    queue = hub.subscribe(order_id)
    sender = asyncio.create_task(pump(websocket, queue))
    try:
        while True:
            message = await websocket.receive_json()
            if message.get("type") == "count":
                await websocket.send_json({"subscribers": hub.subscribe_count(order_id)})
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        hub.unsubscribe(order_id, queue)


@router.websocket("/ws/orders/{order_id}/scoped")
async def order_socket_scoped(websocket: WebSocket, order_id: str) -> None:
    await websocket.accept()
    async with hub.subscription(order_id) as queue:
        try:
            while True:
                text = await websocket.receive_text()
                hub.add_note(order_id, text)
                await websocket.send_json(queue.get_nowait() if not queue.empty() else {})
        except WebSocketDisconnect:
            pass


@router.websocket("/ws/desk/{desk}")
async def desk_socket(websocket: WebSocket, desk: str) -> None:
    await websocket.accept()
    SOCKETS[desk] = websocket  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/desk/{desk}/safe")
async def desk_socket_safe(websocket: WebSocket, desk: str) -> None:
    await websocket.accept()
    SOCKETS[desk] = websocket
    seen: dict[str, int] = {}
    try:
        while True:
            text = await websocket.receive_text()
            seen[text] = seen.get(text, 0) + 1
    except WebSocketDisconnect:
        pass
    finally:
        SOCKETS.pop(desk, None)
