"""Supervisor alert stream: SLA breaches, transfer bags at risk, stand conflicts."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Query, WebSocket, status

from apron.services.alerts import AlertManager
from apron.settings import get_settings
from apron.utils.tokens import verify_ws_token

log = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/alerts/{airport}")
async def supervisor_alerts(websocket: WebSocket, airport: str, token: str = Query(...)) -> None:
    settings = get_settings()
    claims = verify_ws_token(settings.ws_token_secret, token)
    if claims is None or claims.role != "SUPERVISOR" or claims.airport != airport.upper():
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    manager: AlertManager = websocket.app.state.alerts
    if manager.count(claims.airport) >= settings.max_alert_sockets:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    await manager.register(claims.airport, websocket)
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "ack":
            log.info("alert %s acknowledged by %s", message.get("id"), claims.staff_id)
