from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from homegrid.api.deps import get_container
from homegrid.container import Container
from homegrid.models import LoginRequest, TokenResponse, UserCreate
from homegrid.services.rate_limit import RedisRateLimiter

router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post("/register", status_code=201)
async def register(data: UserCreate, container: Container = Depends(get_container)) -> dict[str, str]:
    user_id = await container.auth.register(data)
    return {"id": str(user_id)}


@router.post("/login", response_model=TokenResponse)
async def login(
    data: LoginRequest, request: Request, container: Container = Depends(get_container)
) -> TokenResponse:
    limiter = RedisRateLimiter(container.redis, "login-ip", limit=30, window_seconds=60)
    await limiter.hit(request.client.host if request.client else "unknown")
    return await container.auth.login(data.email, data.password)
