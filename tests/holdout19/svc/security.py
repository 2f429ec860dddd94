from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import jwt

from svc.config import get_settings
from svc.errors import AuthError

PIN_ITERATIONS = 600_000


@dataclass(frozen=True, slots=True)
class AuthUser:
    id: UUID
    roles: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles


def decode_access_token(token: str, secret: str, audience: str) -> AuthUser:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], audience=audience)
    except jwt.PyJWTError as exc:
        raise AuthError("invalid access token") from exc
    return AuthUser(id=UUID(claims["sub"]), roles=frozenset(claims.get("roles", ())))


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)


def pin_matches(pin: str, salt: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(hash_pin(pin, salt), expected)


def sign_body(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, body: bytes, header_value: str) -> bool:
    return hmac.compare_digest(sign_body(secret, body), header_value.strip().lower())


def _read_secret_file(path: str) -> bytes:
    return Path(path).read_bytes().strip()


def load_card_webhook_secret() -> bytes:
    """Read the issuer's signing secret; rotated by the secrets operator in place."""
    return _read_secret_file(get_settings().card_webhook_secret_path)
