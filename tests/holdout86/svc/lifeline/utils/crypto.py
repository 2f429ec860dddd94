from __future__ import annotations

import hashlib
import hmac
import os

_PEPPER = os.environ.get("LIFELINE_ID_PEPPER", "dev-pepper").encode()
_ITERATIONS = 390_000


def hash_national_id(national_id: str) -> str:
    """Deterministic, slow hash so the registry never stores raw national ids."""
    normalised = national_id.replace(" ", "").upper().encode()
    digest = hashlib.pbkdf2_hmac("sha256", normalised, _PEPPER, _ITERATIONS)
    return digest.hex()


def sign_payload(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(body, secret), signature)
