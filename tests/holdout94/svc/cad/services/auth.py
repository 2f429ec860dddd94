from __future__ import annotations

import asyncio
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

import bcrypt
import jwt
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import AuthError
from ..models import Unit
from ..settings import Settings
from ..utils.timeutil import utcnow


@dataclass(frozen=True, slots=True)
class Principal:
    username: str
    role: str
    agency: str


class AuthService:
    def __init__(self, settings: Settings) -> None:
        self._secret = settings.jwt_secret
        self._pin_iterations = settings.mdt_pin_iterations

    def issue_token(self, principal: Principal, ttl: timedelta = timedelta(hours=12)) -> str:
        claims = {"sub": principal.username, "role": principal.role, "agency": principal.agency,
                  "exp": utcnow() + ttl}
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def decode_token(self, token: str) -> Principal | None:
        try:
            claims = jwt.decode(token, self._secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return None
        return Principal(claims["sub"], claims["role"], claims["agency"])

    async def login(self, session: AsyncSession, username: str, password: str) -> str:
        row = (
            await session.execute(
                text("SELECT password_hash, role, agency FROM dispatchers WHERE username = :u AND active"),
                {"u": username},
            )
        ).mappings().first()
        if row is None:
            raise AuthError("unknown user")
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, bcrypt.checkpw, password.encode(), row["password_hash"].encode())
        if not ok:
            raise AuthError("bad credentials")
        return self.issue_token(Principal(username, row["role"], row["agency"]))

    async def verify_mdt_pin(self, unit: Unit, pin: str) -> bool:
        if not unit.mdt_pin_hash or not unit.mdt_pin_salt:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(unit.mdt_pin_salt), self._pin_iterations)
        return hmac.compare_digest(digest.hex(), unit.mdt_pin_hash)
