"""Driver authentication and token handling."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import Driver
from svc.db.repositories import drivers as drivers_repo
from svc.errors import DispatchError


class AuthError(DispatchError):
    status_code = 401
    code = "unauthorized"


def issue_token(subject: str, role: str, ttl: timedelta = timedelta(hours=12)) -> str:
    now = datetime.now(timezone.utc)
    return jwt.encode({"sub": subject, "role": role, "iat": now, "exp": now + ttl}, settings.jwt_secret, algorithm="HS256")


def decode_token(token: str) -> dict[str, str]:
    try:
        return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc


async def register_driver(session: AsyncSession, email: str, password: str, full_name: str, city: str) -> Driver:
    password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()
    driver = Driver(email=email.lower(), full_name=full_name, city=city, password_hash=password_hash)
    session.add(driver)
    await session.commit()
    return driver


async def login_driver(session: AsyncSession, email: str, password: str) -> str:
    driver = await drivers_repo.by_email(session, email)
    if driver is None:
        raise AuthError("bad credentials")
    ok = await asyncio.to_thread(bcrypt.checkpw, password.encode(), driver.password_hash.encode())
    if not ok:
        raise AuthError("bad credentials")
    return issue_token(str(driver.id), "driver")
