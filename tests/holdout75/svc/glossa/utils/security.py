from __future__ import annotations

import hashlib
import hmac
import time

API_KEY_ITERATIONS = 240_000


def hash_api_key(token: str, salt: str) -> str:
    """Deterministic so that the digest can be looked up; stretched so a leaked table is costly to attack."""
    return hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), salt.encode("utf-8"), API_KEY_ITERATIONS).hex()


def sign_payload(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def download_token(secret: str, key: str, expires_at: int) -> str:
    return sign_payload(secret, f"{key}:{expires_at}".encode("utf-8"))


def verify_download_token(secret: str, key: str, expires_at: int, token: str) -> bool:
    if expires_at < int(time.time()):
        return False
    return hmac.compare_digest(download_token(secret, key, expires_at), token)
