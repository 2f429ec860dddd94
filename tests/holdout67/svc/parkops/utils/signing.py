from __future__ import annotations

import hashlib
import hmac
import time


def verify_webhook(secret: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """Verify a provider signature header of the form ``t=<ts>,v1=<hex>``."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        ts = int(parts["t"])
        sig = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs(time.time() - ts) > tolerance_s:
        return False
    expected = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)


def sign_payload(secret: str, body: bytes) -> str:
    ts = int(time.time())
    mac = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"
