from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories import ConditionRepository
from ..services.conditions import ConditionService
from .deps import get_cache, get_session, require_underwriter

router = APIRouter(prefix="/applications/{application_id}/conditions", tags=["conditions"])


@router.get("")
async def list_open(application_id: int, session: AsyncSession = Depends(get_session)) -> list[dict]:
    conditions = await ConditionRepository(session).open_for(application_id)
    if not conditions:
        raise HTTPException(HTTPStatus.NOT_FOUND, "no open conditions")
    return [{"id": c.id, "code": c.code, "description": c.description} for c in conditions]


@router.post("/{condition_id}/clear", status_code=204)
async def clear(
    application_id: int,
    condition_id: int,
    user: dict = Depends(require_underwriter),
    session: AsyncSession = Depends(get_session),
    cache=Depends(get_cache),
) -> None:
    await ConditionService(session, cache).clear(application_id, condition_id, int(user["sub"]))


@router.get("/gates")
async def gates(application_id: int, session: AsyncSession = Depends(get_session), cache=Depends(get_cache)) -> dict:
    return await ConditionService(session, cache).gate_status(application_id)
