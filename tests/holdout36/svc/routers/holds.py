from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status

from svc.container import Services, services
from svc.deps import SessionDep
from svc.schemas import HoldIn, HoldOut
from svc.services.holds import NoAvailability

router = APIRouter(prefix="/holds", tags=["holds"])
ServicesDep = Annotated[Services, Depends(services)]


@router.post("", response_model=HoldOut, status_code=status.HTTP_201_CREATED)
async def place_hold(body: HoldIn, session: SessionDep, svc: ServicesDep) -> HoldOut:
    try:
        hold = await svc.holds.place(session, body)
    except NoAvailability as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    await svc.channel_sync.mark_dirty(body.hotel_id, body.room_type_id, [body.check_in])
    return HoldOut(id=hold.id, expires_at=hold.expires_at)


@router.delete("/session/{token}")
async def release(token: str, session: SessionDep, svc: ServicesDep) -> dict[str, int]:
    return {"released": await svc.holds.release_session(session, token)}
