"""Bearer-token authentication, request context and prescriber PIN hashing."""
from __future__ import annotations

import hashlib
import hmac
import os
import time
import uuid
from contextvars import ContextVar
from typing import Any

import jwt
from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import get_settings
from ..db.engine import get_session
from ..db.models import Prescriber

class TokenError(Exception):
    pass


_decoded_tokens: dict[str, dict[str, Any]] = {}


def _decode(token: str) -> dict[str, Any]:
    cached = _decoded_tokens.get(token)
    if cached is not None and cached.get("exp", 0) > time.time():
        return cached
    settings = get_settings()
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError as exc:
        raise TokenError(str(exc)) from exc
    _decoded_tokens[token] = claims
    return claims


def decode_staff_token(token: str) -> dict[str, Any]:
    claims = _decode(token)
    if claims.get("role") not in {"pharmacist", "technician"} or "pharmacy_id" not in claims:
        raise TokenError("not a pharmacy staff token")
    return claims


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    return authorization.split(" ", 1)[1]


async def current_staff(authorization: str | None = Header(default=None)) -> dict[str, Any]:
    try:
        return decode_staff_token(_bearer(authorization))
    except TokenError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


async def current_prescriber(
    authorization: str | None = Header(default=None),
    session: AsyncSession = Depends(get_session),
) -> Prescriber:
    try:
        claims = _decode(_bearer(authorization))
    except TokenError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    if claims.get("role") != "prescriber":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "prescriber token required")
    prescriber = await session.get(Prescriber, int(claims["sub"]))
    if prescriber is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "unknown prescriber")
    return prescriber


async def internal_caller(x_internal_key: str | None = Header(default=None)) -> None:
    if x_internal_key != get_settings().courier_api_key:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "forbidden")


request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

_current_actor: str | None = None


def new_request_id() -> str:
    rid = uuid.uuid4().hex[:16]
    request_id_var.set(rid)
    return rid


def set_actor(actor: str) -> None:
    global _current_actor
    _current_actor = actor


def current_actor() -> str:
    return _current_actor or "system:anonymous"


PBKDF2_ITERATIONS = 600_000


def hash_pin(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ITERATIONS)
    return digest, salt


def verify_pin(pin: str, salt: bytes, expected: bytes) -> bool:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ITERATIONS)
    return hmac.compare_digest(digest, expected)
