"""Request dependencies: services from app state, authentication and rate limiting."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request, WebSocket
from redis.asyncio import Redis

from svc.db.pool import Database
from svc.errors import Forbidden, RateLimited, Unauthorized
from svc.services.attachments import AttachmentService
from svc.services.email_ingest import EmailIngestService
from svc.services.presence import PresenceService
from svc.services.reporting import TagCatalog
from svc.services.suggestions import SuggestionService
from svc.services.tickets import TicketService

AGENT_REQUESTS_PER_MINUTE = 1200
INBOUND_REQUESTS_PER_MINUTE = 600
API_KEY_ITERATIONS = 310_000


@dataclass(frozen=True, slots=True)
class AgentPrincipal:
    id: int
    org_id: int
    is_manager: bool


@dataclass(frozen=True, slots=True)
class ApiPrincipal:
    key_id: int
    org_id: int


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def get_ticket_service(request: Request) -> TicketService:
    return request.app.state.tickets


def get_attachment_service(request: Request) -> AttachmentService:
    return request.app.state.attachments


def get_ingest_service(request: Request) -> EmailIngestService:
    return request.app.state.ingest


def get_suggestions(request: Request) -> SuggestionService:
    return request.app.state.suggestions


def get_presence(request: Request) -> PresenceService:
    return request.app.state.presence


def get_tag_catalog(request: Request) -> TagCatalog:
    return request.app.state.tag_catalog


async def _session_principal(redis: Redis, token: str | None) -> AgentPrincipal | None:
    if not token:
        return None
    raw = await redis.get(f"session:{token}")
    if raw is None:
        return None
    data = json.loads(raw)
    return AgentPrincipal(id=data["agent_id"], org_id=data["org_id"], is_manager=data.get("is_manager", False))


async def current_agent(
    redis: Annotated[Redis, Depends(get_redis)],
    authorization: Annotated[str | None, Header()] = None,
) -> AgentPrincipal:
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    principal = await _session_principal(redis, token)
    if principal is None:
        raise Unauthorized("missing or expired session")
    return principal


async def require_manager(agent: Annotated[AgentPrincipal, Depends(current_agent)]) -> AgentPrincipal:
    if not agent.is_manager:
        raise Forbidden("manager role required")
    return agent


async def authenticate_ws(websocket: WebSocket) -> AgentPrincipal | None:
    return await _session_principal(websocket.app.state.redis, websocket.query_params.get("token"))


async def agent_rate_limit(
    agent: Annotated[AgentPrincipal, Depends(current_agent)],
    redis: Annotated[Redis, Depends(get_redis)],
) -> None:
    key = f"rl:agent:{agent.id}:{int(time.time() // 60)}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
    if count > AGENT_REQUESTS_PER_MINUTE:
        raise RateLimited("too many requests")


_inbound_windows: dict[str, deque[float]] = defaultdict(deque)


async def inbound_rate_limit(request: Request) -> None:
    """Caps webhook deliveries per relay address."""
    source = request.client.host if request.client else "unknown"
    window = _inbound_windows[source]
    now = time.monotonic()
    while window and now - window[0] > 60.0:
        window.popleft()
    if len(window) >= INBOUND_REQUESTS_PER_MINUTE:
        raise RateLimited("inbound rate limit exceeded")
    window.append(now)


async def api_client(
    x_api_key: Annotated[str, Header()],
    db: Annotated[Database, Depends(get_db)],
) -> ApiPrincipal:
    async with db.connection() as conn:
        record = await conn.fetchrow("SELECT id, org_id, key_hash, salt FROM api_keys WHERE prefix = $1 AND NOT revoked", x_api_key[:8])
    if record is None:
        raise Unauthorized("unknown API key")
    candidate = hashlib.pbkdf2_hmac("sha256", x_api_key.encode(), record["salt"], API_KEY_ITERATIONS)
    if not hmac.compare_digest(candidate, record["key_hash"]):
        raise Unauthorized("unknown API key")
    return ApiPrincipal(key_id=record["id"], org_id=record["org_id"])
