"""Short-lived signed tokens for websocket clients (the browser cannot send custom headers)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class WsClaims:
    staff_id: int
    airport: str
    role: str


def _sign(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_ws_token(secret: str, claims: WsClaims, ttl_s: int = 900) -> str:
    body = f"{claims.staff_id}:{claims.airport}:{claims.role}:{int(time.time()) + ttl_s}"
    return f"{body}:{_sign(secret, body)}"


def verify_ws_token(secret: str, token: str) -> WsClaims | None:
    try:
        staff_id, airport, role, expires, sig = token.split(":")
    except ValueError:
        return None
    body = f"{staff_id}:{airport}:{role}:{expires}"
    if not hmac.compare_digest(sig, _sign(secret, body)) or int(expires) < time.time():
        return None
    return WsClaims(int(staff_id), airport, role)
