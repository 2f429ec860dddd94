from __future__ import annotations

import copy
from datetime import date

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from pricewatch.auth.deps import current_user
from pricewatch.db.models import User
from pricewatch.repositories.price_history import PriceHistoryRepository
from pricewatch.services.history import HistoryService, downsample

router = APIRouter(prefix="/api/history", tags=["history"])


def history_repo(request: Request) -> PriceHistoryRepository:
    return request.app.state.history_repo


def history_service(request: Request) -> HistoryService:
    return request.app.state.history_service


@router.get("/latest")
async def latest_prices(
    ids: list[int] = Query(max_length=200),
    repo: PriceHistoryRepository = Depends(history_repo),
):
    rows = await repo.latest_prices(ids)
    return {pid: {"price": str(r["price"]), "observed_at": r["observed_at"].isoformat()} for pid, r in rows.items()}


@router.get("/{product_id}/series")
async def series(
    product_id: int,
    days: int = Query(default=30, ge=1, le=365),
    repo: PriceHistoryRepository = Depends(history_repo),
):
    rows = await repo.get_series(product_id, days=days)
    return [{"price": str(r["price"]), "observed_at": r["observed_at"].isoformat()} for r in rows]


@router.get("/{product_id}/chart")
async def chart(
    product_id: int,
    days: int = Query(default=90, ge=7, le=730),
    service: HistoryService = Depends(history_service),
):
    points = await service.series(product_id, days)
    raw = copy.deepcopy(points)
    return {"points": downsample(raw), "total": len(points)}


@router.get("/{product_id}/summary")
async def summary(product_id: int, service: HistoryService = Depends(history_service)):
    return await service.summary(product_id)


@router.get("/{product_id}/day/{day}")
async def day_detail(product_id: int, day: date, repo: PriceHistoryRepository = Depends(history_repo)):
    rows = await repo.points_on_day(product_id, day)
    return [{"price": str(r["price"]), "observed_at": r["observed_at"].isoformat()} for r in rows]


@router.get("/{product_id}/export.csv")
async def export_csv(
    product_id: int,
    user: User = Depends(current_user),
    repo: PriceHistoryRepository = Depends(history_repo),
):
    rows = await repo.export_rows(product_id)

    def stream():
        yield "observed_at,price,currency,in_stock\n"
        for observed_at, price, currency, in_stock in rows:
            yield f"{observed_at.isoformat()},{price},{currency},{int(in_stock)}\n"

    return StreamingResponse(stream(), media_type="text/csv")
