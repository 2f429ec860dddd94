"""PIN hashing and webhook signatures."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

PIN_ITERATIONS = 600_000


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return base64.b64encode(salt + digest).decode()


def verify_pin(pin: str, stored: str) -> bool:
    raw = base64.b64decode(stored)
    salt, expected = raw[:16], raw[16:]
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return hmac.compare_digest(candidate, expected)


def sign_payload(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return mac.hexdigest()


def signature_matches(secret: str, timestamp: str, body: bytes, provided: str) -> bool:
    return hmac.compare_digest(sign_payload(secret, timestamp, body), provided)
