"""Live portal sockets: usage totals for the caller's tenant, and public prices."""
import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from billing.sessions import price_board, tenant_for_socket, usage_total

router = APIRouter()


@router.websocket("/ws/usage")
async def live_usage(ws: WebSocket) -> None:
    tenant_id = await tenant_for_socket(ws)
    if tenant_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    try:
        while True:
            await ws.send_text(json.dumps(await usage_total(tenant_id)))
            await asyncio.sleep(10)
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/estimate")
async def live_estimate(ws: WebSocket, tenant_id: int) -> None:
    await ws.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await ws.send_text(json.dumps(await usage_total(tenant_id)))
            await asyncio.sleep(30)
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/prices")
async def live_prices(ws: WebSocket, interval_s: int = 5) -> None:
    await ws.accept()
    try:
        while True:
            await ws.send_text(json.dumps(await price_board()))
            await asyncio.sleep(interval_s)
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/mine")
async def my_estimate(ws: WebSocket) -> None:
    tenant_id = await tenant_for_socket(ws)
    if tenant_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    try:
        while True:
            await ws.send_text(json.dumps(await usage_total(tenant_id)))
            await asyncio.sleep(30)
    except WebSocketDisconnect:
        pass
