"""Authentication for clinic API keys (machine clients) and staff sessions."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db.orm import get_session
from .db.models import ApiKey, User
from .redis_client import get_redis

log = logging.getLogger(__name__)

PBKDF2_ITERATIONS = 310_000
SESSION_TTL_S = 8 * 3600
MAX_FAILED_LOGINS = 5
LOCKOUT_WINDOW_S = 900

_failed_logins: dict[str, list[float]] = {}


@dataclass(frozen=True)
class ClinicPrincipal:
    clinic_id: int
    key_id: int


@dataclass(frozen=True)
class StaffPrincipal:
    user_id: int
    email: str
    role: str


def _hash_secret(secret: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, PBKDF2_ITERATIONS)


async def authenticate_clinic_key(
    x_api_key: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> ClinicPrincipal:
    prefix, _, secret = x_api_key.partition(".")
    if not prefix or not secret:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed api key")
    row = (
        await session.execute(select(ApiKey).where(ApiKey.key_prefix == prefix, ApiKey.revoked.is_(False)))
    ).scalar_one_or_none()
    if row is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown api key")
    candidate = hashlib.pbkdf2_hmac("sha256", secret.encode(), row.salt, PBKDF2_ITERATIONS)
    if not hmac.compare_digest(candidate, row.key_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad api key")
    return ClinicPrincipal(clinic_id=row.clinic_id, key_id=row.id)


def _too_many_failures(email: str) -> bool:
    now = time.time()
    recent = [t for t in _failed_logins.get(email, []) if now - t < LOCKOUT_WINDOW_S]
    _failed_logins[email] = recent
    return len(recent) >= MAX_FAILED_LOGINS


async def login(email: str, password: str, session: AsyncSession) -> str:
    if _too_many_failures(email):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "account temporarily locked")
    user = (await session.execute(select(User).where(User.email == email))).scalar_one_or_none()
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    digest = await asyncio.to_thread(_hash_secret, password, user.password_salt)
    if not hmac.compare_digest(digest, user.password_hash):
        _failed_logins.setdefault(email, []).append(time.time())
        log.info("failed login for user %s", user.id)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    token = secrets.token_urlsafe(32)
    await get_redis().set(f"session:{token}", f"{user.id}:{user.email}:{user.role}", ex=SESSION_TTL_S)
    return token


async def current_staff(authorization: str = Header(...)) -> StaffPrincipal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    raw = await get_redis().get(f"session:{token}")
    if raw is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "session expired")
    user_id, email, role = raw.split(":", 2)
    return StaffPrincipal(user_id=int(user_id), email=email, role=role)


async def staff_from_token(token: str) -> StaffPrincipal | None:
    raw = await get_redis().get(f"session:{token}")
    if raw is None:
        return None
    user_id, email, role = raw.split(":", 2)
    return StaffPrincipal(user_id=int(user_id), email=email, role=role)


def require_role(*roles: str):
    async def _check(staff: StaffPrincipal = Depends(current_staff)) -> StaffPrincipal:
        if staff.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return staff

    return _check
