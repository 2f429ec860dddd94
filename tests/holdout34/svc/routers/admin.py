"""Operator console: metrics, provider status, manual settlement, live ingest monitor."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, WebSocket, WebSocketDisconnect
from pydantic import BaseModel

from svc.clients.base import PROVIDER_STATUS
from svc.config import settings
from svc.container import Container
from svc.deps import admin_session, get_container
from svc.errors import AuthError
from svc.metrics import metrics
from svc.security import AdminSession, verify_password

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])

OPERATORS: dict[str, tuple[str, frozenset[str]]] = {
    "ops": ("pbkdf2$390000$c2FsdHNhbHRzYWx0c2FsdA==$0eQ2t7mN6XyQ0cX1m2yJ3fJ7b5w7b1i7b6a8xZ0kQ5E=", frozenset({"ops"})),
}


class AdminLoginIn(BaseModel):
    username: str
    password: str


class ManualSettleIn(BaseModel):
    outcome: str


class MatchStateIn(BaseModel):
    state: str
    minute: int | None = None


@router.post("/login")
async def admin_login(body: AdminLoginIn, c: Container = Depends(get_container)) -> dict[str, str]:
    entry = OPERATORS.get(body.username)
    if entry is None or not await asyncio.to_thread(verify_password, body.password, entry[0]):
        raise HTTPException(status_code=401, detail="invalid operator credentials")
    sid = c.admin_sessions.create(body.username, set(entry[1]))
    logger.info("operator %s logged in", body.username)
    return {"session": sid}


@router.get("/metrics")
async def admin_metrics(_: AdminSession = Depends(admin_session)) -> dict[str, Any]:
    return await metrics.snapshot()


@router.get("/providers")
async def provider_status(_: AdminSession = Depends(admin_session)) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=3.0) as client:
        alpha = await client.get(f"{settings.alpha_base_url}/status")
        beta = await client.get(f"{settings.beta_base_url}/status")
    return {"alpha": alpha.status_code, "beta": beta.status_code, "observed": PROVIDER_STATUS}


@router.post("/markets/{market_id}/settle")
async def settle_market(
    market_id: int,
    body: ManualSettleIn,
    session: AdminSession = Depends(admin_session),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    settled = await c.settlement.settle_market_manual(market_id, body.outcome, operator=session.username)
    return {"market_id": market_id, "bets_settled": settled}


@router.post("/matches/{match_id}/state", status_code=202)
async def set_match_state(
    match_id: int,
    body: MatchStateIn,
    _: AdminSession = Depends(admin_session),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    payload = {"match_id": match_id, "state": body.state, "minute": body.minute}
    receivers = await c.redis.publish("match-state", json.dumps(payload))
    return {"published": receivers}


@router.websocket("/ws/ingest")
async def ingest_monitor(websocket: WebSocket, sid: str = Query(default="")) -> None:
    c: Container = websocket.app.state.container
    try:
        operator = c.admin_sessions.resolve(sid)
    except AuthError:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_json(
                {
                    "backlog": c.ingest_worker.backlog(),
                    "live_sockets": c.live_hub.count(),
                    "odds_sockets": c.odds_hub.count(),
                    "providers": PROVIDER_STATUS,
                }
            )
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=2.0)
            except asyncio.TimeoutError:
                pass
    except WebSocketDisconnect:
        logger.info("operator %s closed the ingest monitor", operator.username)
