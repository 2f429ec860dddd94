"""Live screens: customers follow an order, drivers follow their route."""
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from depot.auth import driver_from_token
from depot.hubs import board

router = APIRouter()


@router.websocket("/ws/orders/{order_number}")
async def follow_order(websocket: WebSocket, order_number: str):
    services = websocket.app.state.services
    await websocket.accept()  # expect: websocket-lifecycle
    queue = services.shipments.follow(order_number)
    try:
        while await websocket.receive_text() == "next":
            await websocket.send_json(await queue.get())
    except WebSocketDisconnect:
        pass
    finally:
        services.shipments.unfollow(order_number, queue)


@router.websocket("/ws/drivers/me")
async def driver_route(websocket: WebSocket, token: str = Query(...)):
    services = websocket.app.state.services
    driver_id = driver_from_token(token)
    if driver_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    queue = services.drivers.listen(driver_id)  # expect: websocket-lifecycle
    try:
        while await websocket.receive_text() == "next":
            await websocket.send_json(await queue.get())
    except WebSocketDisconnect:
        return


@router.websocket("/ws/drivers/me/v2")
async def driver_route_v2(websocket: WebSocket, token: str = Query(...)):
    services = websocket.app.state.services
    driver_id = driver_from_token(token)
    if driver_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    queue = services.drivers.listen(driver_id)
    try:
        while await websocket.receive_text() == "next":
            await websocket.send_json(await queue.get())
    except WebSocketDisconnect:
        return
    finally:
        services.drivers.stop_listening(driver_id, queue)


@router.websocket("/ws/invoices/{invoice_no}")
async def invoice_status(websocket: WebSocket, invoice_no: str):
    await websocket.accept()  # expect: websocket-lifecycle
    updates = board.subscribe(invoice_no)
    try:
        while await websocket.receive_text() == "next":
            await websocket.send_json(await updates.get())
    except WebSocketDisconnect:
        pass
    finally:
        board.unsubscribe(invoice_no, updates)


@router.websocket("/ws/invoices/{invoice_no}/signed")
async def invoice_status_signed(websocket: WebSocket, invoice_no: str, token: str = Query(...)):
    if driver_from_token(token) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    updates = board.subscribe(invoice_no)
    try:
        while await websocket.receive_text() == "next":
            await websocket.send_json(await updates.get())
    except WebSocketDisconnect:
        pass
    finally:
        board.unsubscribe(invoice_no, updates)
