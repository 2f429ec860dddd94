"""Credentials: partner API keys, signed customer/courier tokens, webhook signatures."""
from __future__ import annotations

import hashlib
import hmac
import time

_PBKDF2_ROUNDS = 600_000


def hash_api_key(raw_key: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", raw_key.encode("utf-8"), salt, _PBKDF2_ROUNDS).hex()


def sign_payload(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(secret, body), signature)


def issue_token(subject_id: int, secret: str, ttl_seconds: int = 86_400) -> str:
    expires = int(time.time()) + ttl_seconds
    payload = f"{subject_id}:{expires}"
    return f"{payload}:{sign_payload(secret, payload.encode())}"


def verify_token(token: str, secret: str) -> int | None:
    try:
        subject, expires, signature = token.split(":")
    except ValueError:
        return None
    if not hmac.compare_digest(sign_payload(secret, f"{subject}:{expires}".encode()), signature):
        return None
    if not expires.isdigit() or int(expires) < time.time() or not subject.isdigit():
        return None
    return int(subject)
