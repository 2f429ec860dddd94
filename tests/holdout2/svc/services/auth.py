"""Device secrets and dashboard tokens."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from svc.errors import AuthError
from svc.repositories.devices import DeviceAuthRow

_ITERATIONS = 210_000


async def verify_device_secret(row: DeviceAuthRow, presented: str, pepper: str) -> bool:
    digest = hashlib.pbkdf2_hmac("sha256", (presented + pepper).encode(), row.secret_salt, _ITERATIONS)
    return hmac.compare_digest(digest, row.secret_hash)


async def hash_device_secret(secret: str, pepper: str) -> tuple[bytes, bytes]:
    """(hash, salt) for a new device secret."""
    salt = secrets.token_bytes(16)
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", (secret + pepper).encode(), salt, _ITERATIONS)
    return digest, salt


def api_key_digest(key: str) -> str:
    """Ops keys are compared by digest so the raw key never sits in configuration."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DashboardClaims:
    tenant_id: uuid.UUID
    subject: str
    roles: frozenset[str]


class JwksVerifier:
    """Validates dashboard JWTs against the identity provider's published keys."""

    def __init__(self, http: httpx.AsyncClient, jwks_url: str, audience: str, *, ttl: float = 3600.0) -> None:
        self._http = http
        self._jwks_url = jwks_url
        self._audience = audience
        self._ttl = ttl
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._key_lock = threading.Lock()

    async def _signing_keys(self) -> dict[str, Any]:
        with self._key_lock:
            if not self._keys or time.monotonic() - self._fetched_at > self._ttl:
                resp = await self._http.get(self._jwks_url)
                resp.raise_for_status()
                self._keys = {key["kid"]: jwt.PyJWK(key) for key in resp.json()["keys"]}
                self._fetched_at = time.monotonic()
            return self._keys

    async def verify(self, token: str) -> DashboardClaims:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthError("malformed token") from exc
        keys = await self._signing_keys()
        key = keys.get(header.get("kid", ""))
        if key is None:
            raise AuthError("unknown signing key")
        try:
            claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=self._audience)
        except jwt.PyJWTError as exc:
            raise AuthError("invalid token") from exc
        return DashboardClaims(
            tenant_id=uuid.UUID(claims["tenant_id"]),
            subject=str(claims["sub"]),
            roles=frozenset(claims.get("roles", ())),
        )
