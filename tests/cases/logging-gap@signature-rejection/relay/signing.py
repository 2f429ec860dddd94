"""Signature checks for the partners' callbacks (HMAC-SHA256 over the raw body)."""
import hashlib
import hmac


def valid_signature(secret: bytes, body: bytes, header: str | None) -> bool:
    if not header:
        return False
    digest = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, header.removeprefix("sha256="))
