from fastapi import FastAPI, Query, WebSocket, WebSocketDisconnect

from notes.store import NoteStore, user_for

app = FastAPI()
store: NoteStore | None = None


@app.websocket("/boards/{board_id}/notes")
async def notes_socket(websocket: WebSocket, board_id: int, token: str | None = Query(None)) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            body = await websocket.receive_text()
            await store.save(board_id, body)
    except WebSocketDisconnect:
        pass


@app.websocket("/boards/{board_id}/notes/checked")
async def checked_notes_socket(websocket: WebSocket, board_id: int, token: str | None = Query(None)) -> None:
    if token is None or user_for(token) is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    try:
        while True:
            body = await websocket.receive_text()
            await store.save(board_id, body)
    except WebSocketDisconnect:
        pass
