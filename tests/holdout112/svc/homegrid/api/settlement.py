from __future__ import annotations

import os
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from homegrid.api.deps import current_principal, get_container, require_admin, require_household
from homegrid.config import get_settings
from homegrid.container import Container
from homegrid.errors import NotFound
from homegrid.models import Balance
from homegrid.models import Principal

router = APIRouter(prefix="/v1/settlement", tags=["settlement"])


class Adjustment(BaseModel):
    delta_pence: int
    reason: str


@router.get("/households/{household_id}", response_model=Balance)
async def balance(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Balance:
    require_household(principal, household_id)
    return await container.settlement.balance(household_id)


@router.get("/households/{household_id}/statement")
async def statement(
    household_id: UUID,
    before_id: int | None = None,
    limit: int = Query(default=50, le=200),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    require_household(principal, household_id)
    return await container.settlement.statement(household_id, before_id, limit)


@router.post("/households/{household_id}/adjustments", response_model=Balance)
async def adjust(
    household_id: UUID,
    body: Adjustment,
    principal: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> Balance:
    return await container.settlement.adjust(household_id, body.delta_pence, str(principal.user_id), body.reason)


@router.get("/exports/{utility_id}/{period}.csv", response_class=PlainTextResponse)
def download_export(
    utility_id: str,
    period: str,
    _: Principal = Depends(require_admin),
) -> str:
    path = os.path.join(get_settings().settlement_dir, utility_id, f"{period}.csv")
    if not os.path.exists(path):
        raise NotFound("export not found")
    with open(path, encoding="utf-8") as fh:
        return fh.read()
