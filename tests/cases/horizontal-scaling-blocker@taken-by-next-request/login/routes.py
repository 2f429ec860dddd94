"""A login round trip through an identity provider."""
from __future__ import annotations

import secrets

from fastapi import APIRouter, HTTPException

router = APIRouter()

_pending: dict[str, str] = {}  # expect: horizontal-scaling-blocker
_issued: dict[str, int] = {}


@router.get("/login")
async def login() -> dict:
    state, verifier = secrets.token_urlsafe(16), secrets.token_urlsafe(32)
    _pending[state] = verifier
    return {"redirect": f"https://idp.example/authorize?state={state}"}


@router.get("/callback")
async def callback(state: str) -> dict:
    # the verifier stored by /login is taken here: only found when the same process serves both
    verifier = _pending.pop(state, None)
    if verifier is None:
        raise HTTPException(400, "unknown state")
    return {"ok": True}


@router.post("/tokens")
async def issue(user_id: int) -> dict:
    token = secrets.token_urlsafe(16)
    _issued[token] = user_id
    _issued.pop(token, None)  # dropped again in the same request: nothing is handed to another one
    return {"token": token}
