from __future__ import annotations

import hashlib
import hmac
import os

_CHUNK = 1024 * 1024
_TOKEN_ITERATIONS = 310_000


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_token(secret: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, _TOKEN_ITERATIONS).hex()


def new_salt() -> bytes:
    return os.urandom(16)


def sign_payload(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def verify_signature(key: bytes, payload: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign_payload(key, payload), signature)
