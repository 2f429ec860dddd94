from __future__ import annotations

import hashlib
import hmac

import jwt

from fleetwise.settings import get_settings


def hash_gateway_key(raw_key: str) -> str:
    settings = get_settings()
    digest = hashlib.pbkdf2_hmac("sha256", raw_key.encode(), settings.gateway_key_salt.encode(), 310_000)
    return digest.hex()


def gateway_key_matches(raw_key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_gateway_key(raw_key), stored_hash)


def decode_ops_token(token: str) -> dict:
    settings = get_settings()
    return jwt.decode(token, settings.ops_jwt_secret, algorithms=["HS256"])
