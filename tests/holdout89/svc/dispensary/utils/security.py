from __future__ import annotations

import hashlib
import hmac
import os

PIN_ITERATIONS = 600_000


def new_salt() -> bytes:
    return os.urandom(16)


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ITERATIONS)


def check_pin(pin: str, stored_hash_hex: str, salt_hex: str) -> bool:
    candidate = hash_pin(pin, bytes.fromhex(salt_hex))
    return hmac.compare_digest(candidate, bytes.fromhex(stored_hash_hex))


def sign_payload(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_callback_signature(body: bytes, signature: str, secret: str) -> bool:
    expected = sign_payload(body, secret)
    return hmac.compare_digest(expected, signature)
