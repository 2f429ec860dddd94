"""HMAC signatures for outgoing webhooks and incoming provider pushes."""
from __future__ import annotations

import hashlib
import hmac
import time


def sign_payload(secret: str, body: bytes, timestamp: int | None = None) -> tuple[str, int]:
    ts = timestamp or int(time.time())
    message = f"{ts}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}", ts


def verify_signature(secret: str, body: bytes, header: str, tolerance: int = 300) -> bool:
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        ts = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - ts) > tolerance:
        return False
    expected, _ = sign_payload(secret, body, ts)
    return hmac.compare_digest(expected, header)
