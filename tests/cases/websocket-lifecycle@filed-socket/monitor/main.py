"""Site alert feeds."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from monitor.hub import AlertHub

app = FastAPI()
hub = AlertHub()


@app.websocket("/sites/{site_id}/alerts")
async def site_alerts(ws: WebSocket, site_id: int) -> None:  # expect: websocket-lifecycle
    await ws.accept()
    outbox = await hub.register(site_id, ws)
    try:
        while True:
            await ws.send_json(await outbox.get())
    finally:
        hub.unregister(site_id, ws)


@app.websocket("/sites/{site_id}/watched-alerts")
async def watched_alerts(ws: WebSocket, site_id: int) -> None:
    await ws.accept()
    outbox = await hub.attach(site_id, ws)
    try:
        while True:
            await ws.send_json(await outbox.get())
    except WebSocketDisconnect:
        return
    finally:
        hub.unregister(site_id, ws)
