from fastapi import FastAPI, Query, WebSocket, WebSocketDisconnect, status

from fleet.feed import AlertFeed

app = FastAPI()
alerts = AlertFeed()
prices = AlertFeed()


def verify_token(token: str) -> dict | None:
    return {"sub": "ops"} if token == "secret" else None


@app.websocket("/ws/operator/alerts")
async def operator_alerts(websocket: WebSocket) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    alerts.attach(websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    except WebSocketDisconnect:
        pass
    finally:
        alerts.detach(websocket)


@app.websocket("/ws/operator/alerts/secure")
async def operator_alerts_secure(websocket: WebSocket, token: str = Query("")) -> None:
    if verify_token(token) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    alerts.attach(websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    finally:
        alerts.detach(websocket)


@app.websocket("/ws/prices")
async def public_prices(websocket: WebSocket) -> None:
    await websocket.accept()
    prices.attach(websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    finally:
        prices.detach(websocket)
