"""Administrative endpoints: fee overrides and exports."""
from __future__ import annotations

from typing import Any

import asyncpg
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from svc.api.deps import Principal, require_role
from svc.config import get_settings
from svc.services import fees
from svc.services.fees import FeeService

router = APIRouter(prefix="/admin", tags=["admin"])


class Override(BaseModel):
    base_cents: int = Field(ge=0)


@router.put("/fees/{permit_type}", status_code=204)
async def override_fee(
    permit_type: str, body: Override, _: Principal = Depends(require_role("admin"))
) -> None:
    fees.set_override(permit_type, body.base_cents)


@router.get("/fees/{permit_type}")
async def show_fee(
    permit_type: str, request: Request, _: Principal = Depends(require_role("admin"))
) -> dict[str, Any]:
    service: FeeService = request.app.state.fee_service
    schedule = await service.get_schedule(permit_type)
    return {"permit_type": permit_type, **schedule}


@router.get("/exports/issued/{year}")
async def export_issued(year: int, _: Principal = Depends(require_role("records"))) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(get_settings().database_url, timeout=10)
    rows = await conn.fetch(
        "SELECT application_number, permit_type, address, fee_cents FROM permits "
        "WHERE status = 'issued' AND submitted_at >= make_date($1, 1, 1) "
        "AND submitted_at < make_date($1 + 1, 1, 1) ORDER BY submitted_at LIMIT 10000",
        year,
    )
    await conn.close()
    return [dict(r) for r in rows]
