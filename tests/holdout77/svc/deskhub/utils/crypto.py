from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from typing import Any

PIN_ITERATIONS = 240_000


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    _scheme, iterations, salt_hex, digest_hex = stored.split("$")
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iterations))
    return hmac.compare_digest(candidate.hex(), digest_hex)


def verify_webhook_signature(secret: str, body: bytes, header: str, tolerance_s: int = 300) -> bool:
    """Paywell signs `<timestamp>.<body>` with HMAC-SHA256; header is `t=...,v1=...`."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts.get("t", "0"))
    except ValueError:
        return False
    if abs(time.time() - timestamp) > tolerance_s:
        return False
    signed = f"{timestamp}.".encode() + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_token(token: str, secret: str) -> dict[str, Any] | None:
    try:
        payload, signature = token.split(".", 1)
    except ValueError:
        return None
    expected = _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature):
        return None
    claims = json.loads(_unb64(payload))
    if claims.get("exp", 0) < time.time():
        return None
    return claims
