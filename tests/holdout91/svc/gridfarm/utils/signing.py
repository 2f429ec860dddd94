from __future__ import annotations

import hashlib
import hmac


def verify_gateway_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def derive_archive_key(master: str, site_code: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", master.encode(), site_code.encode(), 600_000)
