from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import bcrypt
import jwt

from svc.config import get_settings
from svc.repos.users import UserRepo

log = logging.getLogger(__name__)


class AuthError(Exception):
    pass


def issue_token(user_id: int, is_seller: bool) -> str:
    settings = get_settings()
    now = int(time.time())
    claims = {"sub": user_id, "seller": is_seller, "iat": now, "exp": now + settings.jwt_ttl_seconds}
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def decode_token(token: str) -> dict[str, Any] | None:
    try:
        return jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None


async def register(repo: UserRepo, email: str, password: str, display_name: str) -> int:
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()
    return await repo.create(email=email.lower(), password_hash=hashed, display_name=display_name)


async def login(repo: UserRepo, email: str, password: str) -> str:
    user = await repo.by_email(email.lower())
    if user is None:
        raise AuthError("invalid credentials")
    ok = await asyncio.to_thread(bcrypt.checkpw, password.encode(), user.password_hash.encode())
    if not ok:
        log.info("failed login for user=%s", user.id)
        raise AuthError("invalid credentials")
    return issue_token(user.id, user.is_seller)


async def change_password(repo: UserRepo, user_id: int, old: str, new: str) -> None:
    user = await repo.get(user_id)
    if user is None:
        raise AuthError("unknown user")
    if not await asyncio.to_thread(bcrypt.checkpw, old.encode(), user.password_hash.encode()):
        raise AuthError("invalid credentials")
    hashed = await asyncio.to_thread(bcrypt.hashpw, new.encode(), bcrypt.gensalt(rounds=12))
    user.password_hash = hashed.decode()
    await repo.session.commit()
    log.info("password changed for user=%s", user_id)
