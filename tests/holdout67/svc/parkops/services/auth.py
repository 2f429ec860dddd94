"""Officer handheld sign-in (badge number + PIN), bearer tokens, and app user logins."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass

from .. import pg


PIN_ITERATIONS = 310_000
TOKEN_TTL_S = 10 * 3600


class AuthError(PermissionError):
    pass


@dataclass(frozen=True)
class Officer:
    officer_id: str
    name: str
    zones: tuple[int, ...]


async def verify_pin(badge: str, pin: str) -> Officer:
    row = await pg.fetchrow("SELECT officer_id, name, zones, pin_salt, pin_hash FROM officers WHERE badge = $1", badge)
    if row is None:
        raise AuthError("unknown badge")
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes(row["pin_salt"]), PIN_ITERATIONS)
    if not hmac.compare_digest(digest, bytes(row["pin_hash"])):
        raise AuthError("bad PIN")
    return Officer(row["officer_id"], row["name"], tuple(row["zones"]))


def issue_token(officer: Officer, secret: str) -> str:
    claims = {"sub": officer.officer_id, "zones": list(officer.zones), "exp": int(time.time()) + TOKEN_TTL_S}
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode()
    sig = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{sig}"


def decode_token(token: str, secret: str) -> dict:
    try:
        body, sig = token.rsplit(".", 1)
    except ValueError as exc:
        raise AuthError("malformed token") from exc
    expected = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig):
        raise AuthError("bad token signature")
    claims = json.loads(base64.urlsafe_b64decode(body))
    if claims["exp"] < time.time():
        raise AuthError("token expired")
    return claims


ITERATIONS = 310_000


class LoginFailed(PermissionError):
    pass


async def hash_password(password: str) -> tuple[bytes, bytes]:
    salt = os.urandom(16)
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", password.encode(), salt, ITERATIONS)
    return salt, digest


async def check_login(email: str, password: str) -> int:
    row = await pg.fetchrow("SELECT id, pw_salt, pw_hash FROM app_users WHERE email = $1", email.lower())
    if row is None:
        raise LoginFailed("unknown account")
    digest = await asyncio.to_thread(
        hashlib.pbkdf2_hmac, "sha256", password.encode(), bytes(row["pw_salt"]), ITERATIONS
    )
    if not hmac.compare_digest(digest, bytes(row["pw_hash"])):
        raise LoginFailed("wrong password")
    return int(row["id"])
