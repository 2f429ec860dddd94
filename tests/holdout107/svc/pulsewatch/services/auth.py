from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Optional
from uuid import UUID

import bcrypt
import jwt

from pulsewatch.clients.email import EmailClient, EmailMessage
from pulsewatch.config import Settings
from pulsewatch.errors import Conflict, TooManyRequests, Unauthorized
from pulsewatch.repositories.organisations import OrganisationRepository
from pulsewatch.repositories.users import ApiKeyRepository, UserRepository

RESET_TTL_S = 3600


@dataclass(slots=True)
class Principal:
    org_id: Optional[UUID]
    user_id: Optional[UUID] = None
    role: str = "member"
    kind: str = "user"
    region: Optional[str] = None
    team_ids: list[UUID] = field(default_factory=list)

    @property
    def is_admin(self) -> bool:
        return self.role in {"owner", "admin"}


def hash_api_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class LoginThrottle:
    def __init__(self, max_attempts: int = 5, window_s: float = 900.0) -> None:
        self._max_attempts = max_attempts
        self._window_s = window_s
        self._attempts: dict[str, deque[float]] = defaultdict(deque)

    def check(self, email: str) -> None:
        now = time.monotonic()
        attempts = self._attempts[email]
        while attempts and now - attempts[0] > self._window_s:
            attempts.popleft()
        if len(attempts) >= self._max_attempts:
            raise TooManyRequests("too many failed logins, try again later")

    def failed(self, email: str) -> None:
        self._attempts[email].append(time.monotonic())

    def succeeded(self, email: str) -> None:
        self._attempts.pop(email, None)


class AuthService:
    def __init__(
        self,
        settings: Settings,
        users: UserRepository,
        orgs: OrganisationRepository,
        api_keys: ApiKeyRepository,
        throttle: LoginThrottle,
    ) -> None:
        self._settings = settings
        self._users = users
        self._orgs = orgs
        self._api_keys = api_keys
        self._throttle = throttle

    async def register(self, org_name: str, org_slug: str, email: str, name: str, password: str) -> dict:
        if await self._users.get_by_email(email) is not None:
            raise Conflict("an account with this email already exists")
        password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=self._settings.bcrypt_rounds))
        org = await self._orgs.create(org_name, org_slug)
        user = await self._users.create(org["id"], email, name, password_hash.decode(), "owner")
        return {"user_id": str(user["id"]), "org_id": str(org["id"]), "token": self.issue_token(user)}

    async def login(self, email: str, password: str) -> str:
        email = email.lower()
        self._throttle.check(email)
        user = await self._users.get_by_email(email)
        valid = False
        if user is not None:
            valid = await asyncio.to_thread(bcrypt.checkpw, password.encode(), user["password_hash"].encode())
        if not valid:
            self._throttle.failed(email)
            raise Unauthorized("invalid email or password")
        self._throttle.succeeded(email)
        return self.issue_token(user)

    async def change_password(self, user_id: UUID, current: str, new: str) -> None:
        user = await self._users.get(user_id)
        full = await self._users.get_by_email(user["email"]) if user else None
        if full is None or not await asyncio.to_thread(bcrypt.checkpw, current.encode(), full["password_hash"].encode()):
            raise Unauthorized("current password is incorrect")
        new_hash = await asyncio.to_thread(bcrypt.hashpw, new.encode(), bcrypt.gensalt(rounds=self._settings.bcrypt_rounds))
        await self._users.update_password(user_id, new_hash.decode())

    async def change_password_unchecked(self, user_id: UUID, new: str) -> None:
        rounds = self._settings.bcrypt_rounds
        new_hash = await asyncio.to_thread(lambda: bcrypt.hashpw(new.encode(), bcrypt.gensalt(rounds=rounds)))
        await self._users.update_password(user_id, new_hash.decode())

    def issue_token(self, user) -> str:
        now = int(time.time())
        claims = {
            "sub": str(user["id"]),
            "org": str(user["org_id"]),
            "role": user["role"],
            "teams": [str(t) for t in user["team_ids"]],
            "iat": now,
            "exp": now + self._settings.jwt_ttl_seconds,
        }
        return jwt.encode(claims, self._settings.jwt_secret, algorithm="HS256")

    def verify_token(self, token: str) -> Principal:
        try:
            claims = jwt.decode(token, self._settings.jwt_secret, algorithms=["HS256"])
        except jwt.PyJWTError as exc:
            raise Unauthorized("invalid or expired token") from exc
        return Principal(
            org_id=UUID(claims["org"]),
            user_id=UUID(claims["sub"]),
            role=claims.get("role", "member"),
            team_ids=[UUID(t) for t in claims.get("teams", [])],
        )

    async def verify_api_key(self, raw_key: str) -> Optional[Principal]:
        try:
            row = await self._api_keys.lookup(hash_api_key(raw_key))
        except Exception:
            return None
        if row is None:
            return None
        return Principal(org_id=row["org_id"], role="admin", kind=row["kind"], region=row["region"])


class PasswordResetService:
    def __init__(self, settings: Settings, users: UserRepository, email: EmailClient) -> None:
        self._settings = settings
        self._users = users
        self._email = email
        self._tokens: dict[str, tuple[UUID, float]] = {}

    async def request_reset(self, email: str) -> None:
        user = await self._users.get_by_email(email)
        if user is None:
            return
        now = time.time()
        for token, (_, expires) in list(self._tokens.items()):
            if expires < now:
                del self._tokens[token]
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (user["id"], now + RESET_TTL_S)
        link = f"{self._settings.api_base_url.replace('api.', 'app.')}/reset-password?token={token}"
        await self._email.send(
            EmailMessage(to=user["email"], subject="Reset your Pulsewatch password", text=f"Reset link: {link}", tags=["auth"])
        )

    def consume(self, token: str) -> Optional[UUID]:
        entry = self._tokens.pop(token, None)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]
