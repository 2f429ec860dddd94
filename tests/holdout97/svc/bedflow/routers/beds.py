from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..deps import current_user, get_container, get_session, require_role
from ..middleware.auth import BoardUser
from ..repositories.beds import BedRepository
from ..repositories.wards import WardRepository
from ..schemas import BedStateChange, QuickAssign

router = APIRouter(prefix="/wards", tags=["beds"])


@router.get("/{ward_code}/board")
async def ward_board(
    ward_code: str,
    include_blocked: bool = Query(default=False),
    user: BoardUser = Depends(current_user),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    ward = await WardRepository(container.pool).get_by_code(ward_code)
    if ward is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown ward")
    if user.ward_ids and ward.id not in user.ward_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not your ward")
    return await container.board(session).ward_board(ward.id, ward.code, include_blocked=include_blocked)


@router.get("/{ward_code}/board/compact")
async def compact_board(
    ward_code: str,
    user: BoardUser = Depends(current_user),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    ward = await WardRepository(container.pool).get_by_code(ward_code)
    if ward is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown ward")
    return await container.board(session).compact_board(ward.id)


@router.post("/beds/{bed_id}/state", status_code=204)
async def change_state(
    bed_id: int,
    body: BedStateChange,
    user: BoardUser = Depends(require_role("charge_nurse", "bed_manager")),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> None:
    bed = await BedRepository(session).get(bed_id)
    if bed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown bed")
    await container.board(session).set_state(bed, body.state, user.user_id)
    await session.commit()


@router.post("/beds/{bed_id}/quick-assign", status_code=204)
async def quick_assign(
    bed_id: int,
    body: QuickAssign,
    user: BoardUser = Depends(require_role("charge_nurse")),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> None:
    await container.assignment(session).quick_assign(bed_id, body.patient_id)
    await session.commit()
