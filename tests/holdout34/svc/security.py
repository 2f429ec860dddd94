"""Fan authentication (JWT + Redis refresh tokens), admin sessions, password hashing."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

import jwt
from redis.asyncio import Redis

from svc.config import settings
from svc.errors import AuthError

PBKDF2_ITERATIONS = 390_000


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return f"pbkdf2${PBKDF2_ITERATIONS}${base64.b64encode(salt).decode()}${base64.b64encode(dk).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, iterations, salt_b64, hash_b64 = stored.split("$")
    except ValueError:
        return False
    salt = base64.b64decode(salt_b64)
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(iterations))
    return hmac.compare_digest(candidate, base64.b64decode(hash_b64))


def issue_access_token(fan_id: int) -> str:
    now = int(time.time())
    claims = {"sub": str(fan_id), "iat": now, "exp": now + settings.access_token_ttl, "typ": "access"}
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> int:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    if claims.get("typ") != "access":
        raise AuthError("wrong token type")
    return int(claims["sub"])


class RefreshTokenStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def issue(self, fan_id: int) -> str:
        token = secrets.token_urlsafe(32)
        await self._redis.setex(f"refresh:{token}", settings.refresh_token_ttl, fan_id)
        return token

    async def consume(self, token: str) -> int:
        fan_id = await self._redis.getdel(f"refresh:{token}")
        if fan_id is None:
            raise AuthError("refresh token expired or already used")
        return int(fan_id)


@dataclass
class AdminSession:
    username: str
    roles: frozenset[str]
    expires_at: float = field(default_factory=lambda: time.time() + settings.admin_session_ttl)


class AdminSessionStore:
    """Back-office operator sessions (ops console)."""

    def __init__(self) -> None:
        self._sessions: dict[str, AdminSession] = {}

    def create(self, username: str, roles: set[str]) -> str:
        sid = secrets.token_urlsafe(24)
        self._sessions[sid] = AdminSession(username=username, roles=frozenset(roles))
        return sid

    def resolve(self, sid: str) -> AdminSession:
        session = self._sessions.get(sid)
        if session is None or session.expires_at < time.time():
            self._sessions.pop(sid, None)
            raise AuthError("admin session expired")
        return session

    def revoke(self, sid: str) -> None:
        self._sessions.pop(sid, None)
