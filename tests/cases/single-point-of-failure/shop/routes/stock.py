import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from shop.stock_feed import feed

router = APIRouter()


@router.websocket("/ws/stock/{product_id}")
async def stock_levels(websocket: WebSocket, product_id: int) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"product_id": product_id, "quantity": await feed.level(product_id)})
            await asyncio.sleep(2)
    except WebSocketDisconnect:
        return
