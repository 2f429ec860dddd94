from fastapi import FastAPI, WebSocket

from maps.hub import MapHub

app = FastAPI()
hub = MapHub()


@app.websocket("/ws/map/{area}")
async def live_map(ws: WebSocket, area: str) -> None:
    await ws.accept()
    sub_id, queue = hub.subscribe(area)
    bounded_id, bounded = hub.subscribe_bounded(area)
    try:
        while True:
            await ws.send_json(await queue.get())
            await ws.send_json(await bounded.get())
    finally:
        hub.unsubscribe(sub_id)
        hub.unsubscribe(bounded_id)
