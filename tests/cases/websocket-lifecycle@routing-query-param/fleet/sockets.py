"""Telemetry sockets for vehicles and the dispatch console."""
from __future__ import annotations

import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from fleet.db import bus, get_pool

router = APIRouter()


async def _save_reading(vehicle: str, payload: dict) -> None:
    async with get_pool().acquire() as conn:
        await conn.execute("INSERT INTO readings (vehicle, body) VALUES ($1, $2)", vehicle, json.dumps(payload))


@router.websocket("/ws/telemetry")
async def telemetry(websocket: WebSocket) -> None:
    vehicle = websocket.query_params.get("vehicle", "unknown")
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await _save_reading(vehicle, await websocket.receive_json())
    except WebSocketDisconnect:
        return


@router.websocket("/ws/console")
async def console(websocket: WebSocket) -> None:
    agent = websocket.headers.get("user-agent", "")
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            command = await websocket.receive_text()
            await bus().publish("dispatch", json.dumps({"agent": agent, "command": command}))
    except WebSocketDisconnect:
        return


@router.websocket("/ws/telemetry/signed")
async def signed_telemetry(websocket: WebSocket) -> None:
    vehicle = websocket.query_params.get("vehicle", "")
    key = websocket.query_params.get("device_key", "")
    async with get_pool().acquire() as conn:
        known = await conn.fetchval("SELECT 1 FROM devices WHERE vehicle = $1 AND device_key = $2", vehicle, key)
    if not known:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await _save_reading(vehicle, await websocket.receive_json())
    except WebSocketDisconnect:
        return
