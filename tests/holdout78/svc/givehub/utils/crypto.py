from __future__ import annotations

import hashlib
import hmac

import bcrypt

BCRYPT_ROUNDS = 12


def verify_webhook_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def pseudonymise(value: str, salt: str) -> str:
    """Stable donor pseudonym for exports shared with the tax office's agent."""
    digest = hashlib.pbkdf2_hmac("sha256", value.lower().encode(), salt.encode(), 310_000)
    return digest.hex()[:24]


def receipt_checksum(number: str, amount_cents: int) -> str:
    return hashlib.sha256(f"{number}:{amount_cents}".encode()).hexdigest()[:12]


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())
