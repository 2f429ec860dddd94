"""FastAPI dependencies: sessions, auth, shared services."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.db.models import Creator
from podhost.utils.hashing import api_key_lookup_digest, verify_api_key


@dataclass(slots=True)
class CurrentCreator:
    id: int
    email: str


async def current_creator(
    request: Request,
    authorization: str = Header(default=""),
    session: AsyncSession = Depends(get_session),
) -> CurrentCreator:
    if not authorization.startswith("Bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key")
    raw = authorization.removeprefix("Bearer ").strip()
    lookup = api_key_lookup_digest(raw)
    result = await session.execute(select(Creator).where(Creator.api_key_hash.startswith(f"{lookup}$")))
    creator = result.scalar_one_or_none()
    if creator is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")
    stored = creator.api_key_hash.split("$", 1)[1]
    pepper = request.app.state.settings.api_key_pepper
    ok = await asyncio.to_thread(verify_api_key, raw, pepper, stored)
    if not ok:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid API key")
    return CurrentCreator(id=creator.id, email=creator.email)


def services(request: Request):
    return request.app.state.services
