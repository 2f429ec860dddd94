"""Billing export download for the finance team."""
from __future__ import annotations

import gzip
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.orm import get_session
from ..db.pg import connection
from ..security import StaffPrincipal, require_role
from ..services.billing_export import BillingRepo, build_export, export_filename
from ..workers.billing_job import load_fee_schedule

router = APIRouter(prefix="/v1/billing", tags=["billing"])
finance = require_role("finance", "lab_director")


@router.get("/preview.csv.gz")
async def preview_export(
    limit: int = 50_000,
    staff: StaffPrincipal = Depends(finance),
    session: AsyncSession = Depends(get_session),
) -> Response:
    async with connection() as conn:
        lines = await BillingRepo(conn).unexported(limit)
    if not lines:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="nothing to export")
    schedule = await load_fee_schedule()
    csv_bytes, _ = await build_export(session, lines, schedule)
    body = gzip.compress(csv_bytes, compresslevel=9)
    name = export_filename(datetime.now(timezone.utc))
    return Response(
        content=body,
        media_type="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="{name}.gz"'},
    )
