from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import get_container, get_session, require_role
from ..errors import BedUnavailable
from ..middleware.auth import BoardUser
from ..repositories.assignments import Hold
from ..repositories.bed_requests import BedRequestRepository
from ..schemas import AssignIn, BedRequestIn
from ..services.bed_matching import PendingRequest, drain_in_priority_order

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/bed-requests", tags=["bed-requests"])


def _pending(requests) -> list[PendingRequest]:
    return [
        PendingRequest(r.id, r.priority, r.requested_at, r.target_ward_id, bool(r.isolation)) for r in requests
    ]


@router.post("", status_code=201)
async def create_request(
    body: BedRequestIn,
    user: BoardUser = Depends(require_role("ed_nurse", "bed_manager")),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    request = await BedRequestRepository(session).create(body.patient_id, body.priority, body.isolation, body.target_ward_id)
    await session.commit()
    logger.info("bed request %s created by %s (priority %s)", request.id, user.user_id, body.priority)
    return {"id": request.id}


@router.get("/queue")
async def queue(
    user: BoardUser = Depends(require_role("ed_nurse", "bed_manager", "charge_nurse")),
    session: AsyncSession = Depends(get_session),
) -> list[int]:
    pending = await BedRequestRepository(session).list_pending()
    return drain_in_priority_order(_pending(pending))


@router.get("/suggestions")
async def suggestions(
    ward_ids: str,
    user: BoardUser = Depends(require_role("bed_manager")),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> dict[int, int]:
    pending = await BedRequestRepository(session).list_pending()
    ids = [int(w) for w in ward_ids.split(",") if w.strip()]
    return await container.assignment(session).suggest(_pending(pending), ids)


@router.post("/{request_id}/assign")
async def assign(
    request_id: int,
    body: AssignIn,
    user: BoardUser = Depends(require_role("bed_manager", "charge_nurse")),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    request = await BedRequestRepository(session).get(request_id)
    if request is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown request")
    try:
        hold: Hold = await container.assignment(session).assign(request_id, body.bed_id, body.ward_id, request.isolation)
    except BedUnavailable as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    logger.info("request %s holds bed %s until %s (by %s)", request_id, body.bed_id, hold.hold_expires_at, user.user_id)
    return {"hold_id": str(hold.id), "expires_at": hold.hold_expires_at.isoformat()}
