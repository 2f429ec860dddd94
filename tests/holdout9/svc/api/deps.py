import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg
import jwt
from fastapi import Depends, HTTPException, Request, WebSocket
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import JsonCache
from svc.clients.storage import LocalArchive
from svc.config import Settings, get_settings
from svc.db.pg import AdjusterRepository, AuditLog, PayoutRepository, PolicyRepository
from svc.realtime import AdjusterHub, ClaimWatchers
from svc.services.assignment import AssignmentService
from svc.services.claims import ClaimService
from svc.services.documents import DocumentService
from svc.services.payouts import PayoutService
from svc.services.policies import PolicyService

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Principal:
    subject_id: UUID
    role: str
    email: str
    region: str | None


class TokenVerifier:
    def __init__(self, public_key: bytes, audience: str) -> None:
        self._public_key = public_key
        self._audience = audience

    def verify(self, token: str | None) -> Principal | None:
        if not token:
            return None
        if token.lower().startswith("bearer "):
            token = token[7:]
        try:
            claims = jwt.decode(token, self._public_key, algorithms=["ES256"], audience=self._audience)
        except jwt.PyJWTError as exc:
            logger.info("rejected token: %s", exc)
            return None
        return Principal(subject_id=UUID(claims["sub"]), role=claims.get("role", ""), email=claims.get("email", ""), region=claims.get("region"))


def get_pg_pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pg_pool


def get_lock_redis(request: Request) -> Redis:
    return request.app.state.lock_redis


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.session_factory() as session:
        yield session


def get_hub(websocket: WebSocket) -> AdjusterHub:
    return websocket.app.state.hub


def get_watchers(websocket: WebSocket) -> ClaimWatchers:
    return websocket.app.state.watchers


def load_jwt_public_key(settings: Settings = Depends(get_settings)) -> bytes:
    with open(settings.jwt_public_key_path, "rb") as fh:
        return fh.read()


def get_token_verifier(
    key: bytes = Depends(load_jwt_public_key), settings: Settings = Depends(get_settings)
) -> TokenVerifier:
    return TokenVerifier(key, settings.jwt_audience)


def current_principal(request: Request, verifier: TokenVerifier = Depends(get_token_verifier)) -> Principal:
    principal = verifier.verify(request.headers.get("authorization"))
    if principal is None:
        raise HTTPException(status_code=401, detail="authentication required")
    return principal


def require_role(*roles: str):
    def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in roles:
            raise HTTPException(status_code=403, detail="forbidden")
        return principal

    return checker


def get_policy_service(request: Request, pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> PolicyService:
    state = request.app.state
    return PolicyService(
        PolicyRepository(pool, settings.db_acquire_timeout),
        state.pas,
        JsonCache(state.cache_redis, "policy", default_ttl=600),
        settings.legacy_pas_url,
    )


def get_claim_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    policies: PolicyService = Depends(get_policy_service),
    pool: asyncpg.Pool = Depends(get_pg_pool),
    settings: Settings = Depends(get_settings),
) -> ClaimService:
    state = request.app.state
    return ClaimService(
        session=session,
        policies=policies,
        valuation=state.valuation,
        rules=state.coverage_rules,
        fraud=state.fraud_service,
        audit=AuditLog(pool, settings.db_acquire_timeout),
        bus=state.status_bus,
        watchers=state.watchers,
    )


def get_document_service(request: Request) -> DocumentService:
    return request.app.state.document_service


def get_archive(settings: Settings = Depends(get_settings)) -> LocalArchive:
    return LocalArchive(settings.document_dir)


def get_assignment_service(request: Request) -> AssignmentService:
    return request.app.state.assignment_service


def get_payout_service(request: Request) -> PayoutService:
    return request.app.state.payout_service


def get_adjuster_repo(pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> AdjusterRepository:
    return AdjusterRepository(pool, settings.db_acquire_timeout)


def get_payout_repo(pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> PayoutRepository:
    return PayoutRepository(pool, settings.db_acquire_timeout)


async def enforce_upload_quota(
    claim_id: str, redis: Redis = Depends(get_lock_redis), settings: Settings = Depends(get_settings)
) -> None:
    key = f"quota:uploads:{claim_id}:{date.today():%Y%m%d}"
    used = await redis.get(key)
    if used is not None and int(used) >= settings.max_uploads_per_day:
        raise HTTPException(status_code=429, detail="daily document upload quota reached")
    await redis.set(key, int(used or 0) + 1, ex=86_400)


async def limit_claim_intake(
    request: Request, redis: Redis = Depends(get_lock_redis), settings: Settings = Depends(get_settings)
) -> None:
    client = request.client.host if request.client else "unknown"
    window_key = f"ratelimit:intake:{client}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(window_key)
        pipe.expire(window_key, 60, nx=True)
        count, _ = await pipe.execute()
    if count > settings.intake_limit_per_minute:
        raise HTTPException(status_code=429, detail="too many claim submissions")
