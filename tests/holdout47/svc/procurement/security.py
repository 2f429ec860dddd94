from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.config import get_settings
from procurement.clients.supplier_api import SupplierGateway
from procurement.db.engine import get_session
from procurement.redis_client import get_redis

API_KEY_ITERATIONS = 600_000

_decoded: dict[str, dict[str, Any]] = {}


class TokenError(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    user_id: int
    roles: tuple[str, ...]
    supplier_id: int | None = None


def decode_token(token: str) -> dict[str, Any]:
    cached = _decoded.get(token)
    if cached is not None:
        return cached
    settings = get_settings()
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError as exc:
        raise TokenError(str(exc)) from exc
    _decoded[token] = claims
    return claims


async def current_principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        claims = decode_token(token)
    except TokenError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(int(claims["sub"]), tuple(claims.get("roles", [])), claims.get("supplier_id"))


def require_role(role: str):
    async def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if role not in principal.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"requires role {role}")
        return principal

    return checker


def _hash_api_key(secret: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, API_KEY_ITERATIONS)


def key_fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:16]


async def supplier_from_api_key(
    x_api_key: str = Header(default=""), session: AsyncSession = Depends(get_session)
) -> int:
    key_id, _, secret = x_api_key.partition(".")
    if not key_id or not secret:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed api key")
    row = (
        await session.execute(
            text("SELECT supplier_id, salt, key_hash, expires_at FROM supplier_api_keys WHERE key_id = :k"),
            {"k": key_id},
        )
    ).first()
    if row is None or (row.expires_at and row.expires_at.timestamp() < time.time()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown api key")
    candidate = _hash_api_key(secret, row.salt)
    if not hmac.compare_digest(candidate, row.key_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown api key")
    return row.supplier_id


def gateway(request: Request) -> SupplierGateway:
    return request.app.state.gateway


WINDOW_SECONDS = 60
SUPPLIER_LIMIT = 120


async def supplier_rate_limit(request: Request) -> None:
    supplier_key = request.headers.get("x-api-key", "").partition(".")[0] or request.client.host
    window = int(time.time() // WINDOW_SECONDS)
    key = f"rl:{supplier_key}:{window}"
    redis = get_redis()
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, WINDOW_SECONDS * 2)
        count, _ = await pipe.execute()
    if count > SUPPLIER_LIMIT:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "rate limit exceeded")
