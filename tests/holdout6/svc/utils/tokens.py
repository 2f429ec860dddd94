"""Signed links and short codes for joining video visits."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time


def sign_join_link(secret: str, booking_id: int, identity: str, ttl_seconds: int = 900) -> str:
    expires = int(time.time()) + ttl_seconds
    message = f"{booking_id}:{identity}:{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return f"{expires}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"


def verify_join_link(secret: str, booking_id: int, identity: str, signature: str) -> bool:
    try:
        expires_raw, _ = signature.split(".", 1)
        expires = int(expires_raw)
    except ValueError:
        return False
    if expires < time.time():
        return False
    message = f"{booking_id}:{identity}:{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    expected = f"{expires}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"
    return hmac.compare_digest(expected, signature)
