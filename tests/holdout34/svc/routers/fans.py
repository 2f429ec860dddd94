"""Fan accounts, favourites and devices."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, EmailStr, Field

from svc.container import Container
from svc.deps import current_fan, get_container, load_feature_flags

router = APIRouter(prefix="/fans", tags=["fans"])


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=128)
    display_name: str = Field(min_length=1, max_length=80)


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class RefreshIn(BaseModel):
    refresh_token: str


class DeviceIn(BaseModel):
    token: str = Field(min_length=10, max_length=255)
    platform: Literal["ios", "android", "web"]


@router.post("/register", status_code=201)
async def register(body: RegisterIn, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.fans.register(body.email, body.password, body.display_name)


@router.post("/login")
async def login(body: LoginIn, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.fans.login(body.email, body.password)


@router.post("/refresh")
async def refresh(body: RefreshIn, c: Container = Depends(get_container)) -> dict[str, Any]:
    return await c.fans.refresh(body.refresh_token)


@router.get("/me/favourites")
async def my_favourites(
    fan_id: int = Depends(current_fan), c: Container = Depends(get_container)
) -> list[dict[str, Any]]:
    return await c.favourites.list_favourites(fan_id)


@router.put("/me/favourites/{team_id}")
async def add_favourite(
    team_id: int, fan_id: int = Depends(current_fan), c: Container = Depends(get_container)
) -> dict[str, bool]:
    return {"created": await c.favourites.add(fan_id, team_id)}


@router.delete("/me/favourites/{team_id}", status_code=204)
async def remove_favourite(
    team_id: int, fan_id: int = Depends(current_fan), c: Container = Depends(get_container)
) -> Response:
    await c.favourites.remove(fan_id, team_id)
    return Response(status_code=204)


@router.get("/onboarding/teams")
async def onboarding_teams(
    ids: list[int] = Query(..., max_length=30), c: Container = Depends(get_container)
) -> list[dict[str, Any]]:
    return await c.favourites.describe_teams(ids)


@router.post("/me/devices", status_code=204)
async def register_device(
    body: DeviceIn, fan_id: int = Depends(current_fan), c: Container = Depends(get_container)
) -> Response:
    await c.fans_repo.register_device(fan_id, body.token, body.platform)
    return Response(status_code=204)


@router.get("/me/app-config")
async def app_config(
    fan_id: int = Depends(current_fan), flags: dict[str, Any] = Depends(load_feature_flags)
) -> dict[str, Any]:
    return {"fan_id": fan_id, "features": {k: bool(v) for k, v in flags.items()}}
