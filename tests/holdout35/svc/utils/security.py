"""Tokens, PINs, webhook signatures and request rate limits."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import jwt

from svc.config import get_settings
from svc.db.engine import get_redis


def hash_pin(pin: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, get_settings().pin_hash_iterations)
    return digest, salt


def verify_pin(pin: str, salt: bytes, expected: bytes) -> bool:
    digest, _ = hash_pin(pin, salt)
    return hmac.compare_digest(digest, expected)


def issue_token(subject: str, role: str) -> str:
    settings = get_settings()
    return jwt.encode({"sub": subject, "role": role}, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    settings = get_settings()
    return jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])


def verify_webhook_signature(body: bytes, signature: str, secret: str) -> bool:
    mac = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, signature)


async def allow(rider_id: int, per_minute: int) -> bool:
    redis = get_redis()
    key = f"rl:ride:{rider_id}:{int(time.time() // 60)}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 70)
        count, _ = await pipe.execute()
    return int(count) <= per_minute
