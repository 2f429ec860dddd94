"""Access-token verification (tokens are minted by the auth service) and password hashing."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import urllib.request
from dataclasses import dataclass

import jwt

from .errors import AuthError
from .settings import get_settings

PBKDF2_ITERATIONS = 600_000
_JWKS_TTL_SECONDS = 600.0

_jwks: dict[str, object] = {}
_jwks_fetched_at = 0.0


@dataclass(frozen=True)
class Principal:
    user_id: int
    scopes: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.scopes


def _fetch_jwks(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=3) as response:
        return json.loads(response.read())


def _signing_keys() -> dict[str, object]:
    global _jwks, _jwks_fetched_at
    now = time.monotonic()
    if not _jwks or now - _jwks_fetched_at > _JWKS_TTL_SECONDS:
        document = _fetch_jwks(get_settings().jwks_url)
        _jwks = {key["kid"]: jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(key)) for key in document["keys"]}
        _jwks_fetched_at = now
    return _jwks


def decode_token(token: str) -> Principal:
    settings = get_settings()
    try:
        kid = jwt.get_unverified_header(token)["kid"]
        claims = jwt.decode(
            token,
            key=_signing_keys()[kid],
            algorithms=["RS256"],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
        )
    except (jwt.InvalidTokenError, KeyError):
        raise AuthError("invalid access token")
    return Principal(user_id=int(claims["sub"]), scopes=frozenset(claims.get("scope", "").split()))


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return "pbkdf2_sha256${}${}${}".format(
        PBKDF2_ITERATIONS, base64.b64encode(salt).decode(), base64.b64encode(digest).decode()
    )


def verify_password(password: str, encoded: str) -> bool:
    _, iterations, salt_b64, digest_b64 = encoded.split("$")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt_b64), int(iterations))
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))
