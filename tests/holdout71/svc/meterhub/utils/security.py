from __future__ import annotations

import hashlib
import hmac
import time

import jwt
from fastapi import HTTPException, status

from ..config import get_settings


def verify_webhook_signature(body: bytes, header: str, secret: str, tolerance_s: int = 300) -> None:
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        ts = int(parts["t"])
        sig = parts["v1"]
    except (KeyError, ValueError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed signature header") from exc
    if abs(time.time() - ts) > tolerance_s:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "stale signature")
    expected = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")


def decode_portal_token(token: str) -> dict:
    s = get_settings()
    try:
        return jwt.decode(token, s.jwt_secret, algorithms=["HS256"], audience=s.jwt_audience)
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def decode_crew_token(token: str) -> dict | None:
    try:
        return jwt.decode(token, get_settings().crew_token_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None


def issue_portal_token(customer_id: int, ttl_s: int = 3600) -> str:
    s = get_settings()
    now = int(time.time())
    return jwt.encode(
        {"sub": str(customer_id), "aud": s.jwt_audience, "iat": now, "exp": now + ttl_s},
        s.jwt_secret,
        algorithm="HS256",
    )
