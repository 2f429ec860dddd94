"""FastAPI dependencies: app-scoped services, database sessions, authentication and rate limits."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator

import bcrypt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from svc.config import get_settings
from svc.db.database import Database
from svc.services.labels import LabelService
from svc.services.live import LiveHub
from svc.services.routing import RoutePlanner
from svc.services.shipments import ShipmentService
from svc.services.tracking import TrackingService
from svc.services.webhooks import WebhookService
from svc.workers.scan_ingest import ScanIngestor


def get_db(conn: HTTPConnection) -> Database:
    return conn.app.state.db


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


def get_hub(conn: HTTPConnection) -> LiveHub:
    return conn.app.state.hub


def get_shipments(request: Request) -> ShipmentService:
    return request.app.state.shipment_service


def get_tracking(request: Request) -> TrackingService:
    return request.app.state.tracking_service


def get_labels(request: Request) -> LabelService:
    return request.app.state.label_service


def get_planner(request: Request) -> RoutePlanner:
    return request.app.state.route_planner


def get_webhooks(request: Request) -> WebhookService:
    return request.app.state.webhook_service


def get_ingestor(request: Request) -> ScanIngestor:
    return request.app.state.scan_ingestor


def _key_matches(api_key: str, hashed: str) -> bool:
    return bcrypt.checkpw(api_key.encode(), hashed.encode())


async def current_merchant(x_api_key: str = Header(...), db: Database = Depends(get_db)) -> int:
    row = await db.fetchrow("SELECT id, api_key_hash FROM merchants WHERE api_key_prefix = $1", x_api_key[:12])
    if row is None or not _key_matches(x_api_key, row["api_key_hash"]):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid API key")
    return row["id"]


async def merchant_rate_limit(request: Request, merchant_id: int = Depends(current_merchant)) -> int:
    window = int(time.time() // 60)
    key = f"rl:merchant:{merchant_id}:{window}"
    async with request.app.state.redis.pipeline(transaction=True) as pipe:
        count, _ = await pipe.incr(key).expire(key, 90).execute()
    if count > get_settings().merchant_rate_per_min:
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="rate limit exceeded")
    return merchant_id


class PublicRateLimiter:
    """Sliding one-minute window per client address for the public tracking pages."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, client_ip: str) -> None:
        now = time.monotonic()
        hits = self._hits[client_ip]
        while hits and now - hits[0] > 60.0:
            hits.popleft()
        if len(hits) >= self._per_minute:
            raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="too many tracking requests")
        hits.append(now)


async def public_rate_limit(request: Request) -> None:
    limiter: PublicRateLimiter = request.app.state.public_limiter
    limiter.check(request.client.host if request.client else "unknown")


async def staff_depot_access(conn: HTTPConnection, depot_id: int) -> bool:
    token = conn.query_params.get("token")
    if not token:
        return False
    allowed = await conn.app.state.redis.sismember(f"staff:{token}:depots", str(depot_id))
    return bool(allowed)
