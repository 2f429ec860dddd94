"""FastAPI dependencies: services from app state, authentication, rate limits."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings, get_settings
from svc.db.connections import get_session
from svc.errors import InvalidSignatureError, RateLimitedError
from svc.realtime.hub import AdjusterFeed, ClaimStatusHub
from svc.repositories.claims import ClaimsRepository
from svc.services.adjusters import AdjusterService
from svc.services.claims import AuditLog, ClaimService
from svc.services.documents import DocumentService
from svc.services.intake import ClaimIntakeService
from svc.services.payouts import PayoutService
from svc.services.reports import ReportService

SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]


@dataclass(frozen=True)
class Principal:
    user_id: int
    email: str
    roles: frozenset[str]

    @property
    def actor(self) -> str:
        return f"user:{self.user_id}"


def decode_principal(token: str, settings: Settings) -> Principal | None:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError:
        return None
    return Principal(user_id=int(claims["sub"]), email=claims["email"], roles=frozenset(claims.get("roles", ())))


def current_principal(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> Principal:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    principal = decode_principal(authorization.removeprefix("Bearer "), settings)
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_role(role: str) -> Any:
    def _check(principal: PrincipalDep) -> Principal:
        if role not in principal.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{role} role required")
        return principal

    return Depends(_check)


class SubmissionRateLimiter:
    """Sliding-window limit on claim submissions per policy number."""

    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self._limit = limit
        self._window = window_seconds
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> None:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            raise RateLimitedError("too many submissions for this policy, retry later")
        hits.append(now)


class IdempotencyStore:
    def __init__(self, redis: Redis, ttl_seconds: int = 86_400) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def claim_key(self, key: str) -> bool:
        return bool(await self._redis.set(f"idem:{key}", "pending", nx=True, ex=self._ttl))

    async def store_result(self, key: str, result: dict[str, Any]) -> None:
        await self._redis.set(f"idem:{key}", json.dumps(result), ex=self._ttl)

    async def result(self, key: str) -> dict[str, Any] | None:
        raw = await self._redis.get(f"idem:{key}")
        if raw is None or raw == "pending":
            return None
        return json.loads(raw)


def verify_webhook_signature(body: bytes, signature: str, secret: str) -> None:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise InvalidSignatureError("bad webhook signature")


def get_hub(request: Request) -> ClaimStatusHub:
    return request.app.state.hub


def get_feed(request: Request) -> AdjusterFeed:
    return request.app.state.feed


def get_claims_repo(request: Request) -> ClaimsRepository:
    return request.app.state.claims_repo


def get_claim_service(request: Request, session: SessionDep) -> ClaimService:
    state = request.app.state
    return ClaimService(session, state.claims_repo, AuditLog(state.pool, state.settings.db_acquire_timeout), state.hub)


def get_intake(request: Request) -> ClaimIntakeService:
    return request.app.state.intake


def get_documents(request: Request) -> DocumentService:
    return request.app.state.documents


def get_payouts(request: Request) -> PayoutService:
    return request.app.state.payouts


def get_adjusters(request: Request) -> AdjusterService:
    return request.app.state.adjusters


def get_reports(request: Request) -> ReportService:
    return request.app.state.reports


def get_rate_limiter(request: Request) -> SubmissionRateLimiter:
    return request.app.state.rate_limiter


def get_idempotency(request: Request) -> IdempotencyStore:
    return request.app.state.idempotency
