from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_container, get_session
from ..errors import AuthError
from ..schemas import LoginRequest
from ..services.container import Container

router = APIRouter(prefix="/auth", tags=["auth"])
log = logging.getLogger(__name__)


@router.post("/login")
async def login(
    body: LoginRequest,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    try:
        token = await container.auth.login(session, body.username, body.password)
    except AuthError as exc:
        log.info("login failed for %s: %s", body.username, exc)
        raise HTTPException(status_code=401, detail="invalid credentials") from exc
    return {"access_token": token, "token_type": "bearer"}
