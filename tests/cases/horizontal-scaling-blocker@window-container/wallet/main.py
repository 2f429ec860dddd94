from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, WebSocket, WebSocketDisconnect

from wallet.container import build_services
from wallet.velocity import RequestScopedWindow


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.services = build_services(max_per_window=10)
    yield


app = FastAPI(lifespan=lifespan)


def scoped_window() -> RequestScopedWindow:
    return RequestScopedWindow()


@app.post("/transfers")
async def create_transfer(request: Request, user_id: int, amount: int) -> dict[str, int]:
    services = request.app.state.services
    services.latency.record("/transfers")
    services.guard.check(user_id)
    return {"amount": amount}


@app.post("/wizard/{name}")
async def wizard_step(name: str, window: RequestScopedWindow = Depends(scoped_window)) -> dict[str, str]:
    window.step(name)
    return {"step": name}


@app.get("/debug/latency")
async def latency(request: Request) -> dict[str, int]:
    return {"transfers": request.app.state.services.latency.recent("/transfers")}


@app.websocket("/ws/bids")
async def bids(websocket: WebSocket, account_id: int) -> None:
    pacer = websocket.app.state.services.pacer
    await websocket.accept()
    try:
        while True:
            await websocket.receive_json()
            if not pacer.accept(account_id):
                await websocket.send_json({"error": "rate_limited"})
                continue
            await websocket.send_json({"ok": True})
    except WebSocketDisconnect:
        pass
