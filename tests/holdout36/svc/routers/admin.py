from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from svc.container import Services, services
from svc.db.models import Hotel
from svc.deps import SessionDep, StaffDep
from svc.security import verify_staff_password

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])
ServicesDep = Annotated[Services, Depends(services)]


def _require_role(staff: dict, role: str) -> None:
    if role not in staff.get("roles", []):
        raise HTTPException(403, f"{role} role required")


@router.post("/hotels/{hotel_id}/channel/resync")
async def resync(hotel_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> dict[str, int]:
    _require_role(staff, "revenue")
    hotel = await session.get(Hotel, hotel_id)
    if hotel is None:
        raise HTTPException(404, "hotel not found")
    pushed = await svc.channel_sync.full_resync(session, hotel)
    logger.info("manual resync of %s by %s", hotel.code, staff.get("sub"))
    return {"pushed": pushed}


@router.post("/hotels/{hotel_id}/night-audit/rerun")
async def rerun_audit(
    hotel_id: int, business_day: str, password: str, session: SessionDep, svc: ServicesDep, staff: StaffDep
) -> dict:
    _require_role(staff, "night_manager")
    if not await verify_staff_password(password, staff["pwd_salt"], staff["pwd_hash"]):
        raise HTTPException(403, "re-authentication failed")
    hotel = await session.get(Hotel, hotel_id)
    if hotel is None:
        raise HTTPException(404, "hotel not found")
    from datetime import date

    return await svc.night_audit.run(session, hotel, date.fromisoformat(business_day))


@router.post("/rooms/{room_id}/reopen")
async def reopen_room(room_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> dict[str, str]:
    await svc.housekeeping.reopen(session, room_id, staff.get("sub", "unknown"))
    return {"status": "reopened"}
