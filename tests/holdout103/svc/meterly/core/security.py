from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from ..settings import get_settings

KEY_PREFIX = "mtr_"
_PBKDF2_ROUNDS = 210_000


@dataclass(frozen=True)
class KeyPrincipal:
    key_id: str
    tenant_id: str
    scopes: frozenset[str] = field(default_factory=frozenset)
    rate_limit_per_min: int = 600


def generate_api_key() -> tuple[str, str]:
    """Return (display prefix, full secret). The secret is shown to the user once."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    return raw[:12], raw


def hash_api_key(raw: str) -> str:
    pepper = get_settings().key_pepper.encode()
    return hashlib.pbkdf2_hmac("sha256", raw.encode(), pepper, _PBKDF2_ROUNDS).hex()


def key_fingerprint(raw: str) -> str:
    """Short, non-secret identifier used in logs and cache keys."""
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def has_scope(principal: KeyPrincipal, required_scope: str) -> bool:
    return required_scope in principal.scopes or "admin"


def sign_payload(secret: str, body: bytes, timestamp: int | None = None) -> str:
    ts = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


def verify_provider_signature(secret: str, header: str, body: bytes, tolerance_s: int) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        ts = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - ts) > tolerance_s:
        return False
    expected = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))
