"""Password hashing helpers."""
import hashlib
import hmac
import secrets


def derive(password: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    salt = salt or secrets.token_bytes(16)
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000), salt


def check(password: str, salt: bytes, expected: bytes) -> bool:
    digest, _ = derive(password, salt)
    return hmac.compare_digest(digest, expected)
