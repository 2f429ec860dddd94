"""Market data: quotes, candles, instrument lookup and trading hours."""

from __future__ import annotations

from datetime import datetime, time as dtime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, status

from app.database import DataManager
from app.dependencies import get_db, get_portfolio_service, get_ticker
from app.models import Candle, InstrumentOut, QuoteOut
from app.services.portfolio_service import PortfolioService
from app.services.ticker_client import TickerClient, TickerServiceError

router = APIRouter(prefix="/market", tags=["market"])

_SESSIONS: dict[str, tuple[str, dtime, dtime]] = {
    "XNYS": ("America/New_York", dtime(9, 30), dtime(16, 0)),
    "XNAS": ("America/New_York", dtime(9, 30), dtime(16, 0)),
    "XLON": ("Europe/London", dtime(8, 0), dtime(16, 30)),
    "XETR": ("Europe/Berlin", dtime(9, 0), dtime(17, 30)),
}


@router.get("/quotes/{symbol}", response_model=QuoteOut)
async def get_quote(symbol: str, ticker: TickerClient = Depends(get_ticker)) -> QuoteOut:
    try:
        return await ticker.get_quote(symbol)
    except TickerServiceError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc


@router.get("/quotes", response_model=dict[str, QuoteOut])
async def get_quotes(
    symbols: str = Query(..., description="Comma separated list of symbols"),
    svc: PortfolioService = Depends(get_portfolio_service),
) -> dict[str, QuoteOut]:
    wanted = [s.strip().upper() for s in symbols.split(",") if s.strip()][:50]
    return await svc.live_quotes(wanted)


@router.get("/instruments/search", response_model=list[InstrumentOut])
async def search_instruments(
    q: str = Query(..., min_length=2, max_length=64),
    dm: DataManager = Depends(get_db),
) -> list[InstrumentOut]:
    rows = await dm.search_instruments(q)
    return [InstrumentOut.model_validate(dict(row)) for row in rows]


@router.get("/instruments/autocomplete", response_model=list[str])
async def autocomplete(
    prefix: str = Query(..., min_length=1, max_length=12),
    dm: DataManager = Depends(get_db),
) -> list[str]:
    return await dm.autocomplete_symbols(prefix)


@router.get("/instruments/{symbol}/meta")
async def instrument_meta(symbol: str, ticker: TickerClient = Depends(get_ticker)) -> dict[str, Any]:
    try:
        return await ticker.get_instrument_meta(symbol)
    except httpx.HTTPStatusError as exc:
        raise HTTPException(exc.response.status_code, "reference data unavailable") from exc


@router.get("/candles/{symbol}", response_model=list[Candle])
async def candles(
    symbol: str,
    interval: str = Query("1m", pattern="^(1m|5m|15m|1h|1d)$"),
    limit: int = Query(500, ge=1, le=5000),
    ticker: TickerClient = Depends(get_ticker),
) -> list[Candle]:
    return await ticker.get_candles(symbol, interval=interval, limit=limit)


@router.get("/fx/{pair}")
async def fx_rate(pair: str, ticker: TickerClient = Depends(get_ticker)) -> dict[str, str]:
    rate = await ticker.get_fx_rate(pair)
    return {"pair": pair.upper(), "rate": str(rate)}


@router.get("/hours")
def market_hours(exchange: str = "XNYS") -> dict[str, Any]:
    session = _SESSIONS.get(exchange.upper())
    if session is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown exchange {exchange}")
    tz_name, opens, closes = session
    now = datetime.now(ZoneInfo(tz_name))
    is_weekday = now.weekday() < 5
    is_open = is_weekday and opens <= now.time() < closes
    return {
        "exchange": exchange.upper(),
        "timezone": tz_name,
        "opens": opens.isoformat(),
        "closes": closes.isoformat(),
        "is_open": is_open,
        "local_time": now.isoformat(timespec="seconds"),
    }
