"""Probes and operator endpoints."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import text

from svc.api.deps import get_ledger_service, get_payout_service, require_admin
from svc.config import get_settings
from svc.db.session import REPORTS, SessionFactory, run_report
from svc.errors import NotFoundError
from svc.schemas import FeeOverride, WalletTransfer
from svc.services import payouts, pricing
from svc.services.ledger import LedgerService
from svc.services.payouts import PayoutService

log = logging.getLogger(__name__)

router = APIRouter(tags=["ops"])
admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


@router.get("/livez")
async def livez() -> dict[str, str]:
    """Liveness: the process is up and the event loop is serving requests."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> dict[str, str]:
    """Readiness: used by the load balancer to decide whether to route traffic here."""
    try:
        async with SessionFactory() as session:
            await session.execute(text("SELECT 1"))
        await request.app.state.redis.ping()
    except Exception:
        log.warning("readiness check failed", exc_info=True)
        return {"status": "degraded"}
    return {"status": "ok"}


@admin.get("/fee-schedule", response_class=PlainTextResponse)
def export_fee_schedule() -> str:
    with open(get_settings().fee_schedule_path, encoding="utf-8") as fh:
        return fh.read()


@admin.put("/sellers/{seller_id}/fee-override")
async def put_fee_override(seller_id: int, body: FeeOverride) -> dict[str, int]:
    pricing.set_fee_override(seller_id, body.bps)
    log.info("fee override for seller %s set to %d bps", seller_id, body.bps)
    return {"seller_id": seller_id, "bps": body.bps}


@admin.post("/sellers/{seller_id}/payouts/pause")
async def pause_payouts(seller_id: int) -> dict[str, Any]:
    payouts.pause_seller(seller_id)
    return {"seller_id": seller_id, "paused": True}


@admin.post("/sellers/{seller_id}/payouts/resume")
async def resume_payouts(seller_id: int) -> dict[str, Any]:
    payouts.resume_seller(seller_id)
    return {"seller_id": seller_id, "paused": False}


@admin.get("/payouts/overview")
async def payout_overview(service: PayoutService = Depends(get_payout_service)) -> dict[str, int]:
    return await service.status_overview()


@admin.post("/payouts/run")
async def run_payouts_now(service: PayoutService = Depends(get_payout_service)) -> dict[str, int]:
    return {"sent": await service.run_batch()}


@admin.post("/ledger/transfers")
async def wallet_transfer(body: WalletTransfer, ledger: LedgerService = Depends(get_ledger_service)) -> dict[str, str]:
    await ledger.transfer_between_sellers(
        body.from_seller_id, body.to_seller_id, body.amount_minor, body.currency, body.reason
    )
    return {"status": "ok"}


@admin.get("/reports/{name}")
async def named_report(name: str, days: int = Query(7, ge=1, le=90)) -> list[dict[str, Any]]:
    sql = REPORTS.get(name)
    if sql is None:
        raise NotFoundError(f"unknown report {name!r}")
    return await run_report(sql, {"since": datetime.now(UTC) - timedelta(days=days)})
