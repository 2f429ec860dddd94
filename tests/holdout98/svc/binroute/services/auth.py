from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time

from ..errors import BinRouteError


class AuthError(BinRouteError):
    status_code = 401
    code = "unauthorised"


def _hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 390_000)


class CrewAuth:
    """Driver-tablet PIN login and dispatcher session tokens."""

    def __init__(self, signing_key: str, pin_salt: str) -> None:
        self._key = signing_key.encode()
        self._salt = pin_salt.encode()

    async def set_pin(self, pin: str) -> str:
        digest = await asyncio.to_thread(_hash_pin, pin, self._salt)
        return digest.hex()

    async def verify_driver_pin(self, pin: str, stored_hex: str) -> bool:
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), self._salt, 390_000)
        return hmac.compare_digest(digest.hex(), stored_hex)

    def issue_token(self, subject: str, ttl_s: int = 8 * 3600) -> str:
        expires = int(time.time()) + ttl_s
        body = f"{subject}.{expires}.{secrets.token_hex(4)}"
        sig = hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()
        return f"{body}.{sig}"

    def verify_token(self, token: str) -> str:
        try:
            subject, expires, nonce, sig = token.split(".")
        except ValueError as exc:
            raise AuthError("malformed token") from exc
        expected = hmac.new(self._key, f"{subject}.{expires}.{nonce}".encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, expected) or int(expires) < time.time():
            raise AuthError("invalid or expired token")
        return subject
