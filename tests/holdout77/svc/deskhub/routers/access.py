from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from ..deps import current_member, get_access, require_staff
from ..models import Member
from ..schemas import PinIn
from ..services.access_service import AccessService

router = APIRouter(prefix="/access", tags=["access"])


@router.post("/doors/{door_id}/unlock", status_code=204)
async def unlock_door(door_id: int, member: Member = Depends(current_member),
                      svc: AccessService = Depends(get_access)) -> Response:
    await svc.remote_unlock(member.id, door_id)
    return Response(status_code=204)


@router.post("/doors/{door_id}/pin")
async def check_pin(door_id: int, body: PinIn, member: Member = Depends(current_member),
                    svc: AccessService = Depends(get_access)) -> dict[str, bool]:
    return {"ok": await svc.verify_door_pin(member.id, door_id, body.pin)}


@router.put("/me/pin", status_code=204)
async def set_pin(body: PinIn, member: Member = Depends(current_member),
                  svc: AccessService = Depends(get_access)) -> Response:
    await svc.set_pin(member.id, body.pin)
    return Response(status_code=204)


@router.get("/doors/{door_id}/check")
async def tablet_check(door_id: int, badge: str, _staff: Member = Depends(require_staff),
                       svc: AccessService = Depends(get_access)) -> dict[str, bool]:
    return {"allowed": await svc.is_allowed(badge, door_id)}


@router.get("/doors/{door_id}/events")
async def door_events(door_id: int, request: Request, _staff: Member = Depends(require_staff)) -> list[dict]:
    return await request.app.state.door_events.recent_for_door(door_id)


@router.get("/badges/{badge_id}/events")
async def badge_events(badge_id: str, request: Request, _staff: Member = Depends(require_staff)) -> list[dict]:
    return await request.app.state.door_events.recent_for_badge(badge_id)


@router.post("/members/{member_id}/revoke", status_code=202)
async def revoke_member(member_id: int, _staff: Member = Depends(require_staff),
                        svc: AccessService = Depends(get_access)) -> dict[str, int]:
    await svc.on_membership_cancelled(member_id)
    return {"member_id": member_id}
