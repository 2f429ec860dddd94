from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issue_staff_token(staff_id: str, secret: str, ttl: int = 12 * 3600) -> str:
    body = _b64(json.dumps({"sub": staff_id, "exp": int(time.time()) + ttl}).encode())
    sig = _b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{sig}"


def decode_staff_token(token: str, secret: str) -> str:
    try:
        body, sig = token.split(".", 1)
    except ValueError as exc:
        raise ValueError("malformed token") from exc
    expected = _b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(sig, expected):
        raise ValueError("bad signature")
    padded = body + "=" * (-len(body) % 4)
    claims = json.loads(base64.urlsafe_b64decode(padded))
    if claims["exp"] < time.time():
        raise ValueError("expired")
    return claims["sub"]


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 310_000)
