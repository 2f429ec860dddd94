from __future__ import annotations

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass

import jwt

from loyalty.config import get_settings

log = logging.getLogger(__name__)

PIN_ITERATIONS = 310_000
WEBHOOK_TOLERANCE_SECONDS = 300


@dataclass(frozen=True, slots=True)
class Principal:
    member_id: int
    scopes: frozenset[str]


class AuthError(Exception):
    pass


def verify_pos_signature(body: bytes, timestamp: str, signature: str) -> bool:
    settings = get_settings()
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs(time.time() - ts) > WEBHOOK_TOLERANCE_SECONDS:
        return False
    expected = hmac.new(settings.pos_webhook_secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), signature)


def decode_member_token(token: str) -> Principal:
    settings = get_settings()
    try:
        claims = jwt.decode(token, settings.jwt_public_key, algorithms=["RS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    return Principal(member_id=int(claims["sub"]), scopes=frozenset(claims.get("scope", "").split()))


def try_decode_staff_token(token: str) -> Principal | None:
    try:
        claims = jwt.decode(token, get_settings().jwt_public_key, algorithms=["RS256"], audience="loyalty-staff")
        return Principal(member_id=0, scopes=frozenset(claims.get("scope", "").split()))
    except:
        return None


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
