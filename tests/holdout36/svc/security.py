"""Staff authentication: JWT verification against the IdP's JWKS, plus the
legacy PIN login used by the front-desk terminals."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
import urllib.request
from typing import Any

from svc.config import settings

_JWKS: dict[str, Any] = {"keys": [], "fetched_at": 0.0}
_JWKS_TTL = 3600


def _fetch_jwks() -> dict[str, Any]:
    with urllib.request.urlopen(settings.jwks_url, timeout=5) as resp:
        return json.loads(resp.read())


def _decode_segment(segment: str) -> dict[str, Any]:
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


async def current_jwks() -> dict[str, Any]:
    if time.time() - _JWKS["fetched_at"] > _JWKS_TTL:
        keys = _fetch_jwks()
        _JWKS.update(keys=keys.get("keys", []), fetched_at=time.time())
    return _JWKS


async def verify_token(token: str) -> dict[str, Any]:
    header_b64, payload_b64, _sig = token.split(".")
    header = _decode_segment(header_b64)
    jwks = await current_jwks()
    if not any(key.get("kid") == header.get("kid") for key in jwks["keys"]):
        raise PermissionError("unknown signing key")
    claims = _decode_segment(payload_b64)
    if claims.get("exp", 0) < time.time():
        raise PermissionError("token expired")
    return claims


def _derive(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 310_000)


async def verify_terminal_pin(pin: str, salt_hex: str, expected_hex: str) -> bool:
    digest = await asyncio.to_thread(_derive, pin, bytes.fromhex(salt_hex))
    return hmac.compare_digest(digest.hex(), expected_hex)


async def verify_staff_password(password: str, salt_hex: str, expected_hex: str) -> bool:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), 310_000)
    return hmac.compare_digest(digest.hex(), expected_hex)


def sign_webhook(body: bytes) -> str:
    return hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_webhook(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_webhook(body), signature)
