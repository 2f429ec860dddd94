"""Card-room sockets."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from lobby.seats import outboxes, seats, sessions

router = APIRouter()


@router.websocket("/ws/tables/{table_id}")
async def table_socket(websocket: WebSocket, table_id: int, token: str) -> None:
    await websocket.accept()
    await seats.seat_player(table_id, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_json()
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/outbox")
async def outbox_socket(websocket: WebSocket, token: str) -> None:
    await websocket.accept()
    queue = outboxes.enrol(websocket)  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_text()
            while not queue.empty():
                await websocket.send_json(queue.get_nowait())
    except WebSocketDisconnect:
        return


@router.websocket("/ws/tables/{table_id}/seated")
async def seated_socket(websocket: WebSocket, table_id: int, token: str) -> None:
    await websocket.accept()
    await seats.seat_player(table_id, websocket)
    try:
        while True:
            await websocket.receive_json()
    except WebSocketDisconnect:
        pass
    finally:
        seats.unseat_player(table_id, websocket)


@router.websocket("/ws/tables/{table_id}/spectate")
async def spectate_socket(websocket: WebSocket, table_id: int, token: str) -> None:
    await websocket.accept()
    await sessions.run(table_id, websocket)
