from __future__ import annotations

import base64
import hashlib
import hmac
import os

import jwt


def hash_password(password: str, iterations: int, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    iterations, salt_b64, digest_b64 = stored.split("$")
    candidate = hash_password(password, int(iterations), base64.b64decode(salt_b64))
    return hmac.compare_digest(candidate.split("$")[2], digest_b64)


def issue_token(secret: str, subject: str, account_id: int, role: str, ttl: int, now: int) -> str:
    return jwt.encode({"sub": subject, "acc": account_id, "role": role, "exp": now + ttl}, secret, algorithm="HS256")


def decode_token(secret: str, token: str) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"])
