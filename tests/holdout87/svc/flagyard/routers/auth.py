from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_session
from ..errors import AuthError
from ..services.sso import SsoService
from ..utils.jsonutil import dumps

router = APIRouter(prefix="/auth", tags=["auth"])

SESSION_TTL_SECONDS = 12 * 3600
_pending_logins: dict[str, str] = {}


@router.get("/login")
async def login(request: Request, session: AsyncSession = Depends(get_session)) -> RedirectResponse:
    sso = SsoService(request.app.state.idp, session, request.app.state.settings)
    url, state, verifier = await sso.authorization_url()
    _pending_logins[state] = verifier
    return RedirectResponse(url, status_code=302)


@router.get("/callback")
async def callback(
    code: str, state: str, request: Request, session: AsyncSession = Depends(get_session)
) -> RedirectResponse:
    verifier = _pending_logins.pop(state, None)
    if verifier is None:
        raise AuthError("unknown or expired login state")
    sso = SsoService(request.app.state.idp, session, request.app.state.settings)
    principal = await sso.complete_login(code, verifier)
    sid = secrets.token_urlsafe(32)
    await request.app.state.redis.set(
        f"session:{sid}",
        dumps({"org_id": principal.org_id, "user_id": principal.user_id, "role": principal.role}),
        ex=SESSION_TTL_SECONDS,
    )
    response = RedirectResponse("/", status_code=302)
    response.set_cookie("fy_session", sid, httponly=True, secure=True, samesite="lax", max_age=SESSION_TTL_SECONDS)
    return response


@router.post("/logout")
async def logout(request: Request) -> RedirectResponse:
    sid = request.cookies.get("fy_session")
    if sid:
        await request.app.state.redis.delete(f"session:{sid}")
    response = RedirectResponse("/", status_code=302)
    response.delete_cookie("fy_session")
    return response
