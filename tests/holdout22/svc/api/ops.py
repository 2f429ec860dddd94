"""Operational endpoints and the mortgage-rate widget."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from svc.workers.schedulers import last_run_at

router = APIRouter(tags=["ops"])
rates_router = APIRouter(prefix="/rates", tags=["rates"])


@router.get("/health")
async def health() -> dict[str, str | None]:
    last = last_run_at()
    return {"status": "ok", "alerts_last_run": last.isoformat() if last else None}


@rates_router.get("")
async def current(request: Request) -> dict[str, str]:
    return await request.app.state.rates.current_rates()


@rates_router.get("/history")
async def history(request: Request, product: str = "30y_fixed", days: int = Query(90, le=730)) -> list[dict[str, Any]]:
    return await request.app.state.rates.rate_history(product, days)
