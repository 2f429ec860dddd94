"""Technician authentication: opaque tokens of the form '<technician id>.<secret>'."""
from __future__ import annotations

import asyncio
import hmac

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..db.models import Technician
from .hashing import hash_token


async def authenticate_technician(token: str, session: AsyncSession) -> Technician | None:
    tech_id, _, secret = token.partition(".")
    if not tech_id or not secret:
        return None
    tech = await session.get(Technician, tech_id)
    if tech is None or not tech.active:
        return None
    digest = await asyncio.to_thread(hash_token, secret, tech.token_salt)
    return tech if hmac.compare_digest(digest, tech.token_hash) else None


async def require_technician(
    authorization: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> Technician:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    tech = await authenticate_technician(token, session)
    if tech is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return tech
