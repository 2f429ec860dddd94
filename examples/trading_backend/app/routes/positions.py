"""Positions, portfolio summary and rebalancing."""

from __future__ import annotations

import logging
from decimal import Decimal

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, status

from app.database import DataManager
from app.dependencies import get_current_user, get_db, get_portfolio_service, get_ticker
from app.models import PortfolioSummary, PositionOut, RebalancePlan
from app.services.portfolio_service import PortfolioService
from app.services.ticker_client import TickerClient, TickerServiceError

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/positions", tags=["positions"])


@router.get("", response_model=list[PositionOut])
async def list_positions(
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> list[PositionOut]:
    rows = await dm.list_positions(user["id"])
    return [PositionOut.model_validate(dict(row)) for row in rows]


@router.get("/summary", response_model=PortfolioSummary)
async def portfolio_summary(
    user: asyncpg.Record = Depends(get_current_user),
    svc: PortfolioService = Depends(get_portfolio_service),
) -> PortfolioSummary:
    try:
        return await svc.refresh_snapshot(user["id"])
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))


@router.get("/summary/cached", response_model=PortfolioSummary)
def cached_summary(
    user: asyncpg.Record = Depends(get_current_user),
    svc: PortfolioService = Depends(get_portfolio_service),
) -> PortfolioSummary:
    snapshot = svc.cached_snapshot(user["id"])
    if snapshot is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no snapshot yet, call /positions/summary")
    return snapshot


@router.post("/rebalance", response_model=RebalancePlan)
async def propose_rebalance(
    targets: dict[str, float],
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
    svc: PortfolioService = Depends(get_portfolio_service),
) -> RebalancePlan:
    """Targets are symbol -> weight; weights above 1.0 in total are normalised."""
    if any(weight < 0 for weight in targets.values()):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "weights must be non-negative")
    wanted = {symbol.upper(): weight for symbol, weight in targets.items()}
    instruments = await dm.get_instruments_by_symbols(list(wanted))
    missing = sorted(set(wanted) - set(instruments))
    if missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown symbols: {', '.join(missing)}")
    by_id = {instruments[symbol]["id"]: weight for symbol, weight in wanted.items()}
    return await svc.build_rebalance_plan(user["id"], by_id)


@router.post("/{symbol}/close")
async def close_position(
    symbol: str,
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
    ticker: TickerClient = Depends(get_ticker),
) -> dict[str, str]:
    instrument = await dm.get_instrument_by_symbol(symbol)
    if instrument is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown symbol {symbol}")
    try:
        quote = await ticker.get_quote(instrument["symbol"])
    except TickerServiceError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "no market price") from exc
    pnl = await dm.close_position(user["id"], instrument["id"], quote.bid)
    await dm.log_audit(user["id"], "position.close", {"symbol": instrument["symbol"], "pnl": str(pnl)})
    return {"symbol": instrument["symbol"], "realized_pnl": str(pnl.quantize(Decimal("0.01")))}
