"""Parcel tracking sockets."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()


@router.websocket("/ws/parcels/{parcel_id}")
async def parcel_feed(websocket: WebSocket, parcel_id: str) -> None:  # expect: websocket-lifecycle  (RA320: never reads)
    await websocket.accept()
    hub = websocket.app.state.parcel_hub
    queue = hub.watch(parcel_id)  # expect: websocket-lifecycle
    while True:
        event = await queue.get()
        await websocket.send_json(event)
        if event.get("final"):
            break
    hub.unwatch(parcel_id, queue)
    await websocket.close()


@router.websocket("/ws/depots/{depot_id}/parcels/{parcel_id}")
async def depot_feed(websocket: WebSocket, depot_id: str, parcel_id: str) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    hub = websocket.app.state.parcel_hub
    queue = hub.watch(parcel_id)
    try:
        while True:
            event = await queue.get()
            await websocket.send_json({"depot": depot_id, **event})
    except WebSocketDisconnect:
        pass
    finally:
        hub.unwatch(parcel_id, queue)
