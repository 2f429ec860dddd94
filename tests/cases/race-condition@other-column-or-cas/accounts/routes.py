"""Sign-in checks and account activation."""
from __future__ import annotations

import logging
from typing import Optional

from fastapi import FastAPI, HTTPException, Request

from .members import Credentials, Members

log = logging.getLogger(__name__)
app = FastAPI()
TRUSTED_HEADER = "X-Forwarded-Email"


@app.get("/me")
async def me(request: Request, member_id: str) -> dict:
    member = await Members.get(member_id)
    if member is None:
        raise HTTPException(404)
    trusted = request.headers.get(TRUSTED_HEADER, "").lower()
    if trusted and member.email != trusted:
        raise HTTPException(401, "member mismatch")
    await Members.touch(member.id)
    return {"id": member.id, "email": member.email}


async def audit(member_id: str, event: str) -> None:
    log.info("%s: %s", member_id, event)


@app.post("/attempts/{member_id}")
async def count_attempt(member_id: str, kind: str, expected: Optional[str] = None) -> dict:
    cred = await Credentials.get(member_id)
    if cred is None:
        raise HTTPException(404)
    if expected is not None and cred.stamp != expected:
        raise HTTPException(401, "session expired")
    attempts = dict(cred.attempts or {})
    if attempts.get(kind, 0) >= 10:
        await audit(member_id, "throttled")
        raise HTTPException(429, "too many attempts")
    attempts[kind] = attempts.get(kind, 0) + 1
    return {"saved": await Credentials.swap_attempts(cred, attempts)}


@app.post("/activate/{member_id}")
async def activate(member_id: str) -> dict:
    member = await Members.get(member_id)
    if member is None or member.status != "pending":  # expect: race-condition
        raise HTTPException(409, "not pending")
    await Members.set_status(member.id, "active")
    return {"status": "active"}
