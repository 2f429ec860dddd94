import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from tripdesk.hubs import RiderFanout, TripHub

app = FastAPI()
hub = TripHub()
fanout = RiderFanout(hub)


@app.on_event("startup")
async def start_fanout() -> None:
    app.state.tasks = [asyncio.create_task(fanout.listen()), asyncio.create_task(fanout.dispatch())]


@app.websocket("/ws/trips/{reservation_id}")
async def trip_socket(websocket: WebSocket, reservation_id: str) -> None:
    await websocket.accept()
    hub.add(reservation_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        hub.discard(reservation_id, websocket)


@app.post("/trips/{reservation_id}/extend")
async def extend(reservation_id: str, minutes: int) -> dict:
    await hub.send_to(reservation_id, {"type": "extended", "minutes": minutes})  # expect: horizontal-scaling-blocker
    return {"ok": True}


@app.post("/trips/{reservation_id}/cancel")
async def cancel(reservation_id: str) -> dict:
    await fanout.publish(reservation_id, {"type": "cancelled"})
    return {"ok": True}
