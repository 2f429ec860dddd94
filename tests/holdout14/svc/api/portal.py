"""Customer portal: session login, plan changes and live usage over websockets."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel
from redis.asyncio import Redis

from svc.api.deps import Services, get_services, portal_tenant
from svc.errors import InvalidCredentials, RateLimited

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/portal", tags=["portal"])


class LoginIn(BaseModel):
    email: str
    password: str


@dataclass(slots=True)
class PlanChange:
    tenant_id: int
    new_plan: str
    requested_at: datetime


class RedisRateLimiter:
    def __init__(self, redis: Redis, limit: int, window_s: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window_s = window_s

    async def hit(self, key: str) -> bool:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(f"rl:{key}")
            pipe.expire(f"rl:{key}", self._window_s, nx=True)
            count, _ = await pipe.execute()
        return count <= self._limit


class PlanChangeWizard:
    def __init__(self) -> None:
        self._pending: dict[str, PlanChange] = {}

    def start(self, tenant_id: int, new_plan: str) -> str:
        token = secrets.token_urlsafe(16)
        self._pending[token] = PlanChange(tenant_id, new_plan, datetime.now(timezone.utc))
        return token

    def confirm(self, token: str, tenant_id: int) -> PlanChange | None:
        change = self._pending.pop(token, None)
        return change if change and change.tenant_id == tenant_id else None


class LiveUsageHub:
    """Fans out usage updates received on this replica's pub/sub subscription."""

    def __init__(self, max_connections: int) -> None:
        self._max = max_connections
        self._clients: dict[int, dict[WebSocket, asyncio.Queue[str]]] = defaultdict(dict)
        self._count = 0

    def register(self, tenant_id: int, ws: WebSocket) -> asyncio.Queue[str] | None:
        if self._count >= self._max:
            return None
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        self._clients[tenant_id][ws] = queue
        self._count += 1
        return queue

    def unregister(self, tenant_id: int, ws: WebSocket) -> None:
        if self._clients.get(tenant_id, {}).pop(ws, None) is not None:
            self._count -= 1
        if not self._clients.get(tenant_id):
            self._clients.pop(tenant_id, None)

    def fan_out(self, tenant_id: int, message: str) -> None:
        for queue in self._clients.get(tenant_id, {}).values():
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                logger.debug("dropping live update for slow client of tenant %s", tenant_id)

    async def listen(self, pubsub_redis: Redis) -> None:
        pubsub = pubsub_redis.pubsub()
        await pubsub.psubscribe("usage:live:*")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            tenant_id = int(message["channel"].rsplit(":", 1)[1])
            self.fan_out(tenant_id, message["data"])


class InvoiceNotifier:
    def __init__(self) -> None:
        self._sockets: dict[int, list[WebSocket]] = defaultdict(list)

    def add(self, tenant_id: int, ws: WebSocket) -> None:
        self._sockets[tenant_id].append(ws)

    async def notify(self, tenant_id: int, payload: dict[str, object]) -> None:
        for ws in self._sockets.get(tenant_id, []):
            await ws.send_json(payload)


async def _verify_password(password: str, salt: bytes, expected: bytes) -> bool:
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", password.encode(), salt, 310_000)
    return hmac.compare_digest(digest, expected)


@router.post("/login")
async def login(body: LoginIn, request: Request, services: Services = Depends(get_services)) -> dict[str, str]:
    if not await request.app.state.portal_limiter.hit(f"login:{body.email}"):
        raise RateLimited()
    async with services.db.connection() as conn:
        user = await conn.fetchrow("SELECT tenant_id, salt, password_hash FROM portal_users WHERE email = $1", body.email)
    if user is None or not await _verify_password(body.password, user["salt"], user["password_hash"]):
        raise InvalidCredentials()
    session_id = secrets.token_urlsafe(32)
    await services.cache.set(f"portal:session:{session_id}", user["tenant_id"], ex=8 * 3600)
    return {"session": session_id}


@router.post("/webhooks/endpoints", status_code=201)
async def register_endpoint(url: str, tenant_id: int = Depends(portal_tenant), services: Services = Depends(get_services)) -> dict[str, int]:
    if not await services.verifier.verify(url, secrets.token_hex(16)):
        raise InvalidCredentials("endpoint did not answer the challenge")
    async with services.db.connection() as conn:
        endpoint_id = await conn.fetchval(
            "INSERT INTO webhook_endpoints (tenant_id, url, secret) VALUES ($1, $2, $3) RETURNING id",
            tenant_id, url, secrets.token_hex(32),
        )
    return {"id": endpoint_id}


@router.get("/tenants/search")
async def search_tenants(q: str, tenant_id: int = Depends(portal_tenant), services: Services = Depends(get_services)) -> list[dict[str, object]]:
    rows = await services.tenants.search(q)
    return [{"id": r["id"], "slug": r["slug"], "name": r["name"]} for r in rows]


@router.get("/plans/{code}")
async def plan_definition(code: str, services: Services = Depends(get_services)) -> dict:
    return services.catalogue.plan_definition(code)


@router.post("/plan-change")
async def start_plan_change(new_plan: str, request: Request, tenant_id: int = Depends(portal_tenant)) -> dict[str, str]:
    return {"token": request.app.state.plan_wizard.start(tenant_id, new_plan)}


@router.post("/plan-change/{token}/confirm")
async def confirm_plan_change(token: str, request: Request, tenant_id: int = Depends(portal_tenant), services: Services = Depends(get_services)) -> dict[str, str]:
    change = request.app.state.plan_wizard.confirm(token, tenant_id)
    if change is None:
        raise InvalidCredentials("plan change expired")
    async with services.db.connection() as conn:
        await conn.execute("UPDATE tenants SET plan_code = $2 WHERE id = $1", tenant_id, change.new_plan)
    return {"plan": change.new_plan}


async def _tenant_for_socket(ws: WebSocket) -> int | None:
    session_id = ws.query_params.get("session")
    if not session_id:
        return None
    services: Services = ws.app.state.services
    tenant_id = await services.cache.get(f"portal:session:{session_id}")
    return int(tenant_id) if tenant_id is not None else None


@router.websocket("/ws/usage")
async def live_usage(ws: WebSocket) -> None:
    tenant_id = await _tenant_for_socket(ws)
    if tenant_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: LiveUsageHub = ws.app.state.usage_hub
    await ws.accept()
    queue = hub.register(tenant_id, ws)
    if queue is None:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    idle = ws.app.state.settings.portal_idle_timeout_s

    async def pump() -> None:
        while True:
            await ws.send_text(await queue.get())

    sender = asyncio.create_task(pump())
    try:
        while True:
            message = await asyncio.wait_for(ws.receive_text(), timeout=idle)
            if len(message) > 1024:
                break
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        hub.unregister(tenant_id, ws)


@router.websocket("/ws/invoices")
async def invoice_events(ws: WebSocket) -> None:
    tenant_id = await _tenant_for_socket(ws)
    if tenant_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    ws.app.state.invoice_notifier.add(tenant_id, ws)
    while True:
        await ws.receive_text()


@router.websocket("/ws/estimate")
async def live_estimate(ws: WebSocket, tenant_id: int, country: str) -> None:
    await ws.accept()
    services: Services = ws.app.state.services
    month_start = datetime.now(timezone.utc).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    try:
        while True:
            estimate = await services.rating.estimate_total(tenant_id, month_start, datetime.now(timezone.utc), country)
            await ws.send_text(json.dumps(estimate))
            await asyncio.sleep(30)
    except WebSocketDisconnect:
        logger.info("estimate socket closed for tenant %s", tenant_id)
