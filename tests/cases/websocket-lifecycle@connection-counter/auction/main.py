"""Viewer counts per lot, pushed to watching clients."""
import asyncio
from collections import defaultdict

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from auction.stats import stats

app = FastAPI()

viewer_counts: defaultdict[int, int] = defaultdict(int)
watcher_counts: defaultdict[int, int] = defaultdict(int)


@app.websocket("/lots/{lot_id}/viewers")
async def viewer_widget(websocket: WebSocket, lot_id: int) -> None:
    await websocket.accept()
    viewer_counts[lot_id] += 1  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.send_json({"lot_id": lot_id, "viewers": viewer_counts[lot_id]})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        viewer_counts[lot_id] -= 1


@app.websocket("/lots/{lot_id}/watchers")
async def watcher_widget(websocket: WebSocket, lot_id: int) -> None:
    await websocket.accept()
    watcher_counts[lot_id] += 1
    try:
        while True:
            await websocket.send_json({"lot_id": lot_id, "watchers": watcher_counts[lot_id]})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        pass
    finally:
        watcher_counts[lot_id] -= 1


active_streams = 0


@app.websocket("/lots/{lot_id}/stream")
async def lot_stream(websocket: WebSocket, lot_id: int) -> None:
    global active_streams
    await websocket.accept()
    active_streams += 1  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.send_json({"lot_id": lot_id, "streams": active_streams})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        active_streams -= 1


@app.websocket("/bidders")
async def bidder_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    stats.bidders += 1  # expect: websocket-lifecycle
    async for _ in websocket.iter_text():
        pass
    stats.bidders -= 1


@app.websocket("/sellers")
async def seller_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    stats.sellers += 1
    try:
        async for _ in websocket.iter_text():
            pass
    finally:
        stats.sellers -= 1
