"""Profiles, account settings, location, push devices, blocking and reporting."""
from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from ..deps import ClientIP, CurrentUser, Services
from ..errors import AuthError, NotFound
from ..security import hash_password, verify_password

router = APIRouter(prefix="/v1", tags=["profiles"])


class ProfilePatch(BaseModel):
    display_name: str | None = Field(default=None, min_length=1, max_length=64)
    bio: str | None = Field(default=None, max_length=500)
    interests: list[str] | None = Field(default=None, max_length=10)
    seeking: Literal["man", "woman", "nonbinary"] | None = None
    min_age_pref: int | None = Field(default=None, ge=18, le=99)
    max_age_pref: int | None = Field(default=None, ge=18, le=99)
    max_distance_km: int | None = Field(default=None, ge=1, le=300)
    is_hidden: bool | None = None


class LocationUpdate(BaseModel):
    lat: float | None = None
    lon: float | None = None


class DeviceRegistration(BaseModel):
    token: str = Field(min_length=16, max_length=512)
    platform: Literal["ios", "android"]


class ReportBody(BaseModel):
    reason: str
    details: str = ""


class PasswordChange(BaseModel):
    current_password: str
    new_password: str = Field(min_length=10, max_length=128)


class DeletionRequest(BaseModel):
    password: str


@router.get("/me")
async def read_me(user: CurrentUser, svc: Services) -> dict[str, Any]:
    return await svc.profiles.me(user.user_id)


@router.patch("/me")
async def update_me(patch: ProfilePatch, user: CurrentUser, svc: Services) -> dict[str, Any]:
    return await svc.profiles.update(user.user_id, patch.model_dump(exclude_unset=True))


@router.put("/me/location")
async def update_location(body: LocationUpdate, user: CurrentUser, svc: Services, ip: ClientIP) -> dict[str, Any]:
    return await svc.profiles.update_location(user.user_id, body.lat, body.lon, ip)


@router.post("/me/devices", status_code=204)
async def register_device(body: DeviceRegistration, user: CurrentUser, svc: Services) -> Response:
    await svc.devices.register(user.user_id, body.token, body.platform)
    return Response(status_code=204)


@router.get("/profiles/{user_id}")
async def read_profile(user_id: int, user: CurrentUser, svc: Services) -> dict[str, Any]:
    return await svc.profiles.public_profile(user_id)


@router.post("/users/{user_id}/block", status_code=204)
async def block_user(user_id: int, user: CurrentUser, svc: Services) -> Response:
    await svc.safety.block(user.user_id, user_id)
    return Response(status_code=204)


@router.delete("/users/{user_id}/block", status_code=204)
async def unblock_user(user_id: int, user: CurrentUser, svc: Services) -> Response:
    await svc.safety.unblock(user.user_id, user_id)
    return Response(status_code=204)


@router.post("/users/{user_id}/report", status_code=202)
async def report_user(user_id: int, body: ReportBody, user: CurrentUser, svc: Services) -> dict[str, str]:
    await svc.safety.report(user.user_id, user_id, body.reason, body.details)
    return {"status": "received"}


@router.post("/account/password", status_code=204)
async def change_password(body: PasswordChange, user: CurrentUser, svc: Services) -> Response:
    account = await svc.users.get(user.user_id)
    if account is None or account.password_hash is None:
        raise NotFound("no password set for this account")
    if not await asyncio.to_thread(verify_password, body.current_password, account.password_hash):
        raise AuthError("current password is wrong")
    new_hash = await asyncio.to_thread(hash_password, body.new_password)
    await svc.users.update_fields(user.user_id, password_hash=new_hash)
    return Response(status_code=204)


@router.post("/account/delete", status_code=202)
async def delete_account(body: DeletionRequest, user: CurrentUser, svc: Services) -> dict[str, str]:
    account = await svc.users.get(user.user_id)
    if account is None:
        raise NotFound("account not found")
    if account.password_hash and not verify_password(body.password, account.password_hash):
        raise AuthError("password is wrong")
    await svc.users.update_fields(user.user_id, is_hidden=True, is_banned=True, email=f"deleted+{user.user_id}@invalid")
    return {"status": "scheduled"}


@router.get("/account/export")
async def export_account(user: CurrentUser, svc: Services) -> Response:
    archive = await svc.profiles.export_data(user.user_id)
    return Response(
        content=archive,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="heartline-export.zip"'},
    )
