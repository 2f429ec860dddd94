"""Regulatory reports for the controlled-substance register and daily intake."""
from __future__ import annotations

import csv
import logging
from datetime import datetime, timedelta
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

from dispensary.db.models import Branch
from dispensary.deps import ContainerDep, PharmacistDep, require_branch
from dispensary.repositories.controlled import ControlledRegisterRepository
from dispensary.utils.documents import render_register_pdf
from dispensary.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/reports", tags=["reports"])

CSV_FIELDS = ("created_at", "drug_code", "delta", "balance_after", "actor", "reason")


async def _branch(container: ContainerDep, branch_id: int) -> Branch:
    async with container.sessions() as session:
        branch = await session.get(Branch, branch_id)
    if branch is None:
        raise HTTPException(404, "branch not found")
    return branch


@router.get("/controlled/{branch_id}/register.pdf")
async def register_pdf(branch_id: int, container: ContainerDep, staff: PharmacistDep, days: int = 30) -> Response:
    require_branch(staff, branch_id)
    branch = await _branch(container, branch_id)
    since = utcnow() - timedelta(days=min(days, 90))
    document = await container.controlled.register_pdf(branch_id, branch.code, since)
    return Response(document, media_type="application/pdf")


@router.get("/controlled/{branch_id}/audit.pdf")
async def audit_pdf(branch_id: int, container: ContainerDep, staff: PharmacistDep) -> Response:
    """Full register since the branch opened, for inspections."""
    require_branch(staff, branch_id)
    branch = await _branch(container, branch_id)
    rows = await ControlledRegisterRepository(container.pg_pool).history(branch_id, datetime(2000, 1, 1))
    document = render_register_pdf(branch.code, rows)
    return Response(document, media_type="application/pdf")


@router.get("/controlled/{branch_id}/export.csv")
async def export_csv(branch_id: int, container: ContainerDep, staff: PharmacistDep, days: int = 7) -> FileResponse:
    require_branch(staff, branch_id)
    since = utcnow() - timedelta(days=min(days, 31))
    rows = await ControlledRegisterRepository(container.pg_pool).history(branch_id, since)
    target = Path(container.settings.export_dir) / f"controlled-{branch_id}-{since:%Y%m%d}.csv"
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({field: row[field] for field in CSV_FIELDS})
    logger.info("controlled register export written to %s by %s", target.name, staff.staff_id)
    return FileResponse(target, media_type="text/csv", filename=target.name)
