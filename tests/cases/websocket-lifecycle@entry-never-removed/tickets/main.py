from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from tickets.hubs import QueueWatchers, TicketViewers

app = FastAPI()
watchers = QueueWatchers()
viewers = TicketViewers()


@app.websocket("/queues/{queue}")
async def queue_socket(websocket: WebSocket, queue: str, agent: str) -> None:
    await websocket.accept()
    watchers.watch(queue, websocket, agent)
    try:
        async for _ in websocket.iter_text():
            await websocket.send_json({"idle": watchers.idle_for(websocket)})
    except WebSocketDisconnect:
        pass
    finally:
        watchers.unwatch(queue, websocket)


@app.websocket("/tickets/{ticket_id}")
async def ticket_socket(websocket: WebSocket, ticket_id: int) -> None:
    await websocket.accept()
    viewers.open(ticket_id, websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    finally:
        viewers.close(ticket_id, websocket)
