from __future__ import annotations

import hashlib
import hmac


def derive_webhook_key(secret: str, salt: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), 240_000)


def sign(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def verify_webhook_signature(secret: str, salt: str, body: bytes, signature: str) -> bool:
    key = derive_webhook_key(secret, salt)
    expected = sign(key, body)
    return hmac.compare_digest(expected, signature)


def board_token_digest(secret: str, token: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()
