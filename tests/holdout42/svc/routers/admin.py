from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request, Response
from pydantic import BaseModel

from svc.db.engine import SessionLocal
from svc.db.pg import pool
from svc.repos.exports import ExportJobsRepo
from svc.routers.deps import db_session, readings_repo, require_operator
from svc.services.billing import BillingService, current_run
from svc.services.exports import ExportService
from svc.services.tariff_engine import TariffAdminService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_operator)])

_FLAGS: dict[str, bool] = {"estimated_reads": True, "dunning_sms": False, "live_dashboard": True}


def flag(name: str) -> bool:
    return _FLAGS.get(name, False)


class FlagIn(BaseModel):
    enabled: bool


class TariffChange(BaseModel):
    standing_charge_cents: int | None = None
    tiers: list[dict[str, Any]] | None = None
    tou_bands: list[dict[str, Any]] | None = None


class ExportIn(BaseModel):
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None


@router.get("/flags")
async def get_flags() -> dict[str, bool]:
    return dict(_FLAGS)


@router.put("/flags/{name}")
async def set_flag(name: str, body: FlagIn, operator: str = Depends(require_operator)) -> dict[str, bool]:
    if name not in _FLAGS:
        raise HTTPException(404, "unknown flag")
    _FLAGS[name] = body.enabled
    logger.info("flag %s set to %s by %s", name, body.enabled, operator)
    return {name: body.enabled}


@router.get("/bill-runs/current")
async def bill_run_status() -> dict[str, Any]:
    return current_run()


async def _rebill(year: int, month: int, prefix: str) -> None:
    async with SessionLocal() as session:
        summary = await BillingService(session, readings_repo()).run_region(year, month, prefix)
    logger.info("regional re-bill %s %d-%02d: %s", prefix, year, month, summary)


@router.post("/bill-runs/{year}/{month}/regions/{prefix}", status_code=202)
async def rebill_region(year: int, month: int, prefix: str, tasks: BackgroundTasks) -> dict[str, str]:
    tasks.add_task(_rebill, year, month, prefix.upper())
    return {"status": "queued"}


@router.put("/tariffs/{code}")
async def update_tariff(code: str, body: TariffChange, request: Request, session=Depends(db_session)) -> dict[str, Any]:
    changes = body.model_dump(exclude_none=True)
    if not changes:
        raise HTTPException(400, "nothing to change")
    flagged = await TariffAdminService(session, request.app.state.redis).update_tariff(code, changes)
    return {"code": code, "accounts_flagged": flagged}


@router.get("/exports/consumption.csv.gz")
async def consumption_export(start: dt.date, end: dt.date, request: Request) -> Response:
    service = ExportService(readings_repo(), request.app.state.storage)
    data = await service.consumption_csv(start, end)
    return Response(data, media_type="application/gzip")


@router.post("/exports", status_code=202)
async def queue_export(body: ExportIn, operator: str = Depends(require_operator)) -> dict[str, int]:
    params = {"start": body.start.isoformat() if body.start else None, "end": body.end.isoformat() if body.end else None}
    job_id = await ExportJobsRepo(pool()).enqueue(body.kind, params, operator)
    return {"job_id": job_id}
