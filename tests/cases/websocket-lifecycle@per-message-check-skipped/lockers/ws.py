from __future__ import annotations

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

from lockers.db import LockerRepo

app = FastAPI()


def repo_of(ws: WebSocket) -> LockerRepo:
    return LockerRepo(ws.app.state.pool)


@app.websocket("/ws/banks/{bank}")
async def bank_panel(ws: WebSocket, bank: str) -> None:
    repo = repo_of(ws)
    await ws.accept()  # expect: websocket-lifecycle
    try:
        while True:
            frame = await ws.receive_json()
            if frame.get("type") == "list":
                await ws.send_json({"ok": True, "occupants": await repo.occupants(bank)})
                continue
            if not await repo.verify_code(bank, int(frame["locker"]), str(frame["code"])):
                await ws.send_json({"ok": False})
                continue
            await repo.open_locker(bank, int(frame["locker"]))
            await ws.send_json({"ok": True})
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/terminals/{bank}")
async def terminal_panel(ws: WebSocket, bank: str) -> None:
    repo = repo_of(ws)
    await ws.accept()
    try:
        while True:
            frame = await ws.receive_json()
            if frame.get("type") == "ping":
                await ws.send_json({"type": "pong"})  # nothing looked up
                continue
            if not await repo.verify_code(bank, int(frame["locker"]), str(frame["code"])):
                await ws.send_json({"ok": False})
                continue
            await repo.open_locker(bank, int(frame["locker"]))
            await ws.send_json({"ok": True, "occupants": await repo.occupants(bank)})
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/staff/{bank}")
async def staff_panel(ws: WebSocket, bank: str) -> None:
    repo = repo_of(ws)
    token = ws.query_params.get("token", "")
    if not await repo.verify_code(bank, 0, token):
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    try:
        while True:
            frame = await ws.receive_json()
            if frame.get("type") == "list":
                await ws.send_json({"occupants": await repo.occupants(bank)})
                continue
            if not await repo.verify_code(bank, int(frame["locker"]), str(frame["code"])):
                continue
            await repo.open_locker(bank, int(frame["locker"]))
    except WebSocketDisconnect:
        pass
