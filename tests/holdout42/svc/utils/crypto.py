from __future__ import annotations

import hashlib
import hmac

from svc.config import settings

def sign_payload(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    if not header:
        return False
    expected = sign_payload(secret, body)
    return hmac.compare_digest(expected, header)


def hash_api_key(raw_key: str) -> str:
    """Derive the stored form of an operator API key."""
    digest = hashlib.pbkdf2_hmac("sha256", raw_key.encode(), settings.api_key_salt.encode(), 310_000)
    return digest.hex()


def fingerprint(value: str) -> str:
    return hashlib.blake2s(value.encode(), digest_size=8).hexdigest()
