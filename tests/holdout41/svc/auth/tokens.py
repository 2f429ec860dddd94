from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt

from svc.config import get_settings


class AuthError(Exception):
    pass


def issue_token(user_id: int, *, ttl: timedelta = timedelta(hours=12), scope: str = "user") -> str:
    settings = get_settings()
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(user_id),
        "aud": settings.jwt_audience,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "scope": scope,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> dict:
    settings = get_settings()
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("token expired") from exc
    except jwt.PyJWTError:
        raise AuthError("invalid token")
    return claims


def user_id_from_token(token: str) -> int:
    claims = decode_token(token)
    return int(claims["sub"])


ROUNDS = 12


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=ROUNDS)).decode()


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


async def verify_password(password: str, hashed: str) -> bool:
    return await asyncio.to_thread(check_password, password, hashed)
