from __future__ import annotations

import hashlib
import hmac


def ssn_token(ssn: str, salt: bytes) -> str:
    digits = "".join(ch for ch in ssn if ch.isdigit())
    return hashlib.pbkdf2_hmac("sha256", digits.encode(), salt, 600_000).hex()


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
