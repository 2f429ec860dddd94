"""Live updates for the shop's order tracking page, the account page and the price ticker."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

from live.hub import hub
from live.tokens import decode_token

app = FastAPI()


@app.websocket("/ws/orders/{order_id}")
async def order_updates(ws: WebSocket, order_id: int) -> None:
    await ws.accept()  # expect: websocket-lifecycle
    hub.attach_order(order_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.detach_order(order_id, ws)


@app.websocket("/ws/accounts/{account_id}")
async def account_updates(ws: WebSocket, account_id: int) -> None:
    claims = decode_token(ws.query_params.get("token", ""))
    if claims is None or int(claims["sub"]) != account_id:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    hub.attach_account(account_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.detach_account(account_id, ws)


@app.websocket("/ws/prices")
async def price_ticker(ws: WebSocket) -> None:
    await ws.accept()
    hub.attach_prices(ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.detach_prices(ws)
