from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from payflow.api.deps import Repos, repos
from payflow.schemas import LoginIn, TokenOut
from payflow.services.auth import AuthService

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=TokenOut)
async def login(body: LoginIn, request: Request, r: Repos = Depends(repos)) -> TokenOut:
    service = AuthService(r.companies, request.app.state.login_throttle)
    token = await service.login(body.email, body.password)
    return TokenOut(access_token=token)
