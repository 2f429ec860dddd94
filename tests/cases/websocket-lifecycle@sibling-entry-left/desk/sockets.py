from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from desk.hubs import queues, tickets

app = FastAPI()


@app.websocket("/ws/tickets/{desk}")
async def ticket_feed(websocket: WebSocket, desk: str, priority: int = 0) -> None:
    await websocket.accept()
    watcher = tickets.watch(desk, priority)
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json({"pending": watcher.inbox.qsize()})
    except WebSocketDisconnect:
        pass
    finally:
        tickets.unwatch(watcher)


@app.websocket("/ws/queues/{desk}")
async def queue_feed(websocket: WebSocket, desk: str) -> None:
    await websocket.accept()
    watcher = queues.watch(desk, 0.0)
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json({"pending": watcher.inbox.qsize()})
    except WebSocketDisconnect:
        pass
    finally:
        queues.unwatch(watcher)
