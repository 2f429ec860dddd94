from __future__ import annotations

from datetime import datetime, timedelta
import logging
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field, model_validator

from svc.db.pg import pool
from svc.repos.outages import OutagesRepo
from svc.routers.deps import outage_service, require_operator
from svc.services.outages import OutageReport, OutageService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/outages", tags=["outages"])


class OutageIn(BaseModel):
    severity: Literal["minor", "major", "critical"]
    description: str = Field(max_length=2000)
    postcode: str | None = Field(None, max_length=10)
    address: str | None = Field(None, max_length=300)
    account_id: int | None = None

    @model_validator(mode="after")
    def _where(self) -> "OutageIn":
        if not self.postcode and not self.address:
            raise ValueError("postcode or address is required")
        return self


@router.post("", status_code=201)
async def report_outage(body: OutageIn, svc: OutageService = Depends(outage_service)) -> dict[str, Any]:
    report = OutageReport(body.severity, body.description, body.postcode, body.address)
    return await svc.report(report, body.account_id)


@router.get("")
async def outages_near(address: str = Query(..., max_length=300), svc: OutageService = Depends(outage_service)) -> list[dict[str, Any]]:
    return await svc.status_for_address(address)


@router.get("/recent")
async def recent_outages(hours: int = Query(24, ge=1, le=168)) -> list[dict[str, Any]]:
    since = datetime.now(timezone.utc) - timedelta(hours=hours)
    rows = await OutagesRepo(pool()).recent(since)
    return [dict(r) for r in rows]


@router.post("/{reference}/resolve")
async def resolve_outage(
    reference: str,
    operator: str = Depends(require_operator),
    svc: OutageService = Depends(outage_service),
) -> dict[str, Any]:
    if not await svc.resolve(reference):
        raise HTTPException(404, "no open outage with that reference")
    logger.info("outage %s resolved by %s", reference, operator)
    return {"reference": reference, "resolved": True}
