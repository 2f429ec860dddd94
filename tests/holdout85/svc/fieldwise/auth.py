from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

import jwt

from fieldwise.settings import get_settings


def hash_password(password: str, salt: str, iterations: int | None = None) -> str:
    rounds = iterations or get_settings().password_iterations
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), rounds)
    return digest.hex()


def verify_password(password: str, salt: str, expected_hash: str) -> bool:
    return hmac.compare_digest(hash_password(password, salt), expected_hash)


def new_salt() -> str:
    return secrets.token_hex(16)


def issue_token(user_id: int, farm_ids: list[int]) -> str:
    s = get_settings()
    now = int(time.time())
    claims = {"sub": str(user_id), "farms": farm_ids, "iat": now, "exp": now + s.jwt_ttl_s}
    return jwt.encode(claims, s.jwt_secret, algorithm="HS256")


def decode_token(token: str) -> dict[str, Any]:
    return jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])


def token_digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()
