"""Member-facing account endpoints used by the member app."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Response, UploadFile, status
from pydantic import BaseModel, EmailStr, Field

from svc.config import Settings, get_settings
from svc.deps import Principal, booking_service, current_principal, gym_branding, members_service
from svc.errors import FitError
from svc.services.bookings import BookingService
from svc.services.members import MemberService

router = APIRouter(tags=["members"])

MAX_WAIVER_BYTES = 5 * 1024 * 1024


class SignUp(BaseModel):
    gym_id: int
    email: EmailStr
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=10, max_length=128)


class Login(BaseModel):
    email: EmailStr
    password: str


class ProfilePatch(BaseModel):
    first_name: str | None = Field(default=None, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)


@router.post("/members", status_code=status.HTTP_201_CREATED)
async def sign_up(body: SignUp, members: MemberService = Depends(members_service)) -> dict[str, int]:
    member_id = await members.register(body.gym_id, body.email, body.first_name, body.last_name, body.password)
    return {"member_id": member_id}


@router.post("/auth/login")
async def login(body: Login, members: MemberService = Depends(members_service)) -> dict[str, int]:
    return {"member_id": await members.authenticate(body.email, body.password)}


@router.get("/members/me")
async def my_profile(
    principal: Principal = Depends(current_principal), members: MemberService = Depends(members_service)
) -> dict[str, Any]:
    return await members.get_profile(principal.member_id)


@router.patch("/members/me")
async def update_my_profile(
    patch: ProfilePatch,
    principal: Principal = Depends(current_principal),
    members: MemberService = Depends(members_service),
) -> dict[str, Any]:
    return await members.update_profile(principal.member_id, patch.model_dump(exclude_none=True))


@router.put("/members/me/waiver", status_code=status.HTTP_204_NO_CONTENT)
async def upload_waiver(
    file: Annotated[UploadFile, File()],
    principal: Principal = Depends(current_principal),
    members: MemberService = Depends(members_service),
) -> Response:
    pdf = await file.read(MAX_WAIVER_BYTES + 1)
    if len(pdf) > MAX_WAIVER_BYTES:
        raise FitError("waiver file too large", code="too_large")
    await members.store_waiver(principal.member_id, pdf)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/members/me/waiver")
async def download_waiver(
    principal: Principal = Depends(current_principal), members: MemberService = Depends(members_service)
) -> Response:
    return Response(await members.load_waiver(principal.member_id), media_type="application/pdf")


@router.post("/members/me/check-ins", status_code=status.HTTP_201_CREATED)
async def check_in(
    principal: Principal = Depends(current_principal), members: MemberService = Depends(members_service)
) -> dict[str, str]:
    at = await members.check_in(principal.member_id, principal.gym_id)
    return {"checked_in_at": at.isoformat()}


@router.get("/members/me/bookings")
async def my_bookings(
    principal: Principal = Depends(current_principal), bookings: BookingService = Depends(booking_service)
) -> list[dict[str, Any]]:
    return await bookings.upcoming_for_member(principal.member_id)


@router.get("/gyms/{gym_id}/branding")
async def branding(gym_id: int, theme: dict[str, str] = Depends(gym_branding)) -> dict[str, Any]:
    return {"gym_id": gym_id, "theme": theme}


@router.get("/legal/terms")
def terms_of_service(settings: Settings = Depends(get_settings)) -> Response:
    body = (Path(settings.waiver_dir) / "terms.md").read_text(encoding="utf-8")
    return Response(body, media_type="text/markdown")
