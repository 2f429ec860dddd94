"""Access token verification against the identity provider's JWKS."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

import jwt
import requests

from svc.config import Settings


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    roles: frozenset[str]

    @property
    def is_instructor(self) -> bool:
        return "instructor" in self.roles

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles


class TokenVerifier:
    """Sync on purpose: it is only called from sync dependencies or through a thread."""

    _JWKS_TTL = 600.0

    def __init__(self, settings: Settings) -> None:
        self._jwks_url = settings.jwks_url
        self._audience = settings.jwt_audience
        self._keys: dict[str, object] = {}
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def _refresh_keys(self) -> None:
        resp = requests.get(self._jwks_url)
        resp.raise_for_status()
        keys = {}
        for jwk in resp.json()["keys"]:
            keys[jwk["kid"]] = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))
        self._keys = keys
        self._fetched_at = time.monotonic()

    def _key_for(self, kid: str) -> object:
        with self._lock:
            if kid not in self._keys or time.monotonic() - self._fetched_at > self._JWKS_TTL:
                self._refresh_keys()
            return self._keys[kid]

    def verify(self, token: str) -> Principal:
        header = jwt.get_unverified_header(token)
        key = self._key_for(header["kid"])
        claims = jwt.decode(token, key=key, algorithms=["RS256"], audience=self._audience)
        return Principal(user_id=int(claims["sub"]), roles=frozenset(claims.get("roles", [])))
