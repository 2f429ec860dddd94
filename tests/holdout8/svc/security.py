"""Token and API-key helpers shared by the HTTP and websocket layers."""

from __future__ import annotations

import hashlib
import hmac

import jwt

from svc.config import get_settings
from svc.errors import AuthError


def hash_api_key(raw_key: str, salt: bytes) -> str:
    """Derive the stored digest of a game-server or admin key."""
    digest = hashlib.pbkdf2_hmac("sha256", raw_key.encode(), salt, 310_000)
    return digest.hex()


def key_matches(raw_key: str, salt: bytes, expected_digests: list[str]) -> bool:
    candidate = hash_api_key(raw_key, salt)
    return any(hmac.compare_digest(candidate, expected) for expected in expected_digests)


def decode_player_token(token: str) -> int:
    settings = get_settings()
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    return int(claims["sub"])


def decode_player_token_or_none(token: str | None) -> int | None:
    if not token:
        return None
    try:
        return decode_player_token(token)
    except AuthError:
        return None
