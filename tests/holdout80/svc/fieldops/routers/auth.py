from __future__ import annotations

import asyncio
import time

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Request

from fieldops.deps import CurrentUser, current_user
from fieldops.errors import DomainError
from fieldops.middleware.rate_limit import login_attempt_allowed
from fieldops.schemas import LoginIn, PasswordIn
from fieldops.settings import Settings
from fieldops.utils.security import hash_password, issue_token, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])


class AuthError(DomainError):
    status_code = 401
    code = "unauthorized"


class AuthService:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self._pool = pool
        self._settings = settings

    async def login(self, email: str, password: str) -> str:
        async with self._pool.acquire(timeout=5) as conn:
            user = await conn.fetchrow(
                "SELECT id, account_id, role, password_hash FROM users WHERE email = $1 AND active", email.lower()
            )
        if user is None or not verify_password(password, user["password_hash"]):
            raise AuthError("invalid credentials")
        return issue_token(
            self._settings.jwt_secret, str(user["id"]), user["account_id"], user["role"],
            self._settings.jwt_ttl_seconds, int(time.time()),
        )

    async def set_password(self, user_id: int, password: str) -> None:
        if len(password) < 10:
            raise DomainError("password too short")
        hashed = await asyncio.to_thread(hash_password, password, self._settings.password_iterations)
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, hashed)


@router.post("/login")
async def login(body: LoginIn, request: Request) -> dict:
    state = request.app.state
    if not await login_attempt_allowed(state.redis, body.email.lower()):
        raise HTTPException(status_code=429, detail="too many attempts")
    token = await AuthService(state.pg_pool, state.settings).login(body.email, body.password)
    return {"access_token": token, "token_type": "bearer"}


@router.post("/password", status_code=204)
async def change_password(body: PasswordIn, request: Request, user: CurrentUser = Depends(current_user)) -> None:
    state = request.app.state
    await AuthService(state.pg_pool, state.settings).set_password(user.user_id, body.new_password)
