from __future__ import annotations

import hashlib
import hmac


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def derive_link_token(secret: str, subject: str, salt: bytes, iterations: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", f"{secret}:{subject}".encode(), salt, iterations).hex()


def short_hash(value: str) -> str:
    return hashlib.blake2b(value.encode(), digest_size=8).hexdigest()
