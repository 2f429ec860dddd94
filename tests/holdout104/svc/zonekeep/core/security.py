from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt

from zonekeep.core.settings import get_settings

TOKEN_PREFIX = "zk_"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()


def verify_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


def new_api_token() -> tuple[str, str]:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return raw, hash_api_token(raw)


def hash_api_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def hash_auth_code(code: str, salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", code.encode(), salt, 600_000)
    return digest.hex()


def auth_code_matches(code: str, salt: bytes, expected: str) -> bool:
    return hmac.compare_digest(hash_auth_code(code, salt), expected)


def issue_session_jwt(account_id: int) -> str:
    settings = get_settings()
    now = datetime.now(timezone.utc)
    payload = {
        "sub": str(account_id),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.token_ttl_seconds)).timestamp()),
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm="HS256")


def decode_session_jwt(token: str) -> int:
    payload = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    return int(payload["sub"])


def sign_webhook(body: bytes) -> str:
    secret = get_settings().webhook_signing_secret.encode()
    return hmac.new(secret, body, hashlib.sha256).hexdigest()
