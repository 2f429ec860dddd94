from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import time
from dataclasses import dataclass

import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import Student

PBKDF2_ITERATIONS = 310_000


@dataclass(frozen=True)
class Principal:
    student_id: int
    email: str
    is_proctor: bool


class AuthError(Exception):
    pass


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return "pbkdf2$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    try:
        _, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    salt = base64.b64decode(salt_b64)
    expected = base64.b64decode(digest_b64)
    actual = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return hmac.compare_digest(actual, expected)


def issue_token(student: Student) -> str:
    now = int(time.time())
    claims = {
        "sub": str(student.id),
        "email": student.email,
        "proctor": student.is_proctor,
        "iat": now,
        "exp": now + settings.jwt_ttl_seconds,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_token(token: str) -> Principal:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    return Principal(student_id=int(claims["sub"]), email=claims["email"], is_proctor=bool(claims.get("proctor")))


async def authenticate(session: AsyncSession, email: str, password: str) -> str:
    student = await session.scalar(select(Student).where(Student.email == email.lower()))
    if student is None:
        raise AuthError("unknown account")
    if not verify_password(password, student.password_hash):
        raise AuthError("bad credentials")
    return issue_token(student)


async def change_password(session: AsyncSession, student: Student, new_password: str) -> None:
    student.password_hash = await asyncio.to_thread(hash_password, new_password)
    await session.commit()
