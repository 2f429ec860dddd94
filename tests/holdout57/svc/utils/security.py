from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

import jwt

PIN_ITERATIONS = 310_000


class AuthError(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    adjuster_id: int | None = None
    claim_number: str | None = None


def hash_pin(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), PIN_ITERATIONS).hex()


def verify_pin(pin: str, salt: str, expected_hash: str) -> bool:
    return hmac.compare_digest(hash_pin(pin, salt), expected_hash)


def decode_token(token: str, secret: str) -> Principal:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub", "role"]})
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    return Principal(
        subject=claims["sub"],
        role=claims["role"],
        adjuster_id=claims.get("adjuster_id"),
        claim_number=claims.get("claim_number"),
    )


def issue_portal_token(claim_number: str, email: str, secret: str, ttl: int = 3600) -> str:
    now = int(time.time())
    payload = {"sub": email, "role": "claimant", "claim_number": claim_number, "iat": now, "exp": now + ttl}
    return jwt.encode(payload, secret, algorithm="HS256")
