"""Who is calling: kept in module globals (the defect) beside values set once (fine)."""
from __future__ import annotations

import os

from fastapi import Depends, Header, HTTPException

_current_account: dict | None = None
_current_actor: str | None = None
_signing_key: str | None = None


async def lookup(token: str) -> dict | None:
    return {"id": 1, "token": token} if token else None


async def require_account(authorization: str = Header(default="")) -> dict:
    global _current_account
    account = await lookup(authorization.removeprefix("Bearer "))
    if account is None:
        raise HTTPException(401, "invalid token")
    _current_account = account  # expect: global-mutable-state
    return account


def set_actor(actor: str) -> None:
    global _current_actor
    _current_actor = actor  # expect: global-mutable-state


def current_actor() -> str:
    return _current_actor or "anonymous"


def signing_key() -> str:
    global _signing_key
    if _signing_key is None:
        _signing_key = os.environ.get("SIGNING_KEY", "dev")
    return _signing_key


def account_id() -> int | None:
    return _current_account["id"] if _current_account else None


AccountDep = Depends(require_account)
