from __future__ import annotations

import hashlib
import hmac
import logging

from fastapi import APIRouter, Header, HTTPException, Query

from ..cache.redis_client import get_redis
from ..config import get_settings
from ..schemas import Quote
from ..services import quotes as quote_service
from ..utils.ratelimit import enforce_public_quota

log = logging.getLogger(__name__)
router = APIRouter(prefix="/public/v1", tags=["public-quotes"])

_PBKDF2_ROUNDS = 310_000


async def _authorize(api_key: str) -> str:
    key_id, _, secret = api_key.partition(".")
    record = await get_redis().hgetall(f"apikey:{key_id}")
    if not record:
        raise HTTPException(401, "unknown api key")
    derived = hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(record["salt"]), _PBKDF2_ROUNDS)
    if not hmac.compare_digest(derived.hex(), record["hash"]):
        raise HTTPException(401, "invalid api key")
    return key_id


@router.get("/quotes/{symbol}", response_model=Quote)
async def quote(symbol: str, x_api_key: str = Header(...)) -> Quote:
    key_id = await _authorize(x_api_key)
    await enforce_public_quota(key_id, get_settings().public_quote_rate_per_minute)
    result = await quote_service.get_quote(symbol.upper())
    if result is None:
        raise HTTPException(404, "no quote for symbol")
    return result


@router.get("/quotes", response_model=dict[str, Quote])
async def quotes(symbols: str = Query(..., max_length=600), x_api_key: str = Header(...)) -> dict[str, Quote]:
    key_id = await _authorize(x_api_key)
    await enforce_public_quota(key_id, get_settings().public_quote_rate_per_minute)
    wanted = sorted({s.strip().upper() for s in symbols.split(",") if s.strip()})[:100]
    return await quote_service.get_quotes(wanted)


@router.get("/history/{symbol}")
async def history(
    symbol: str,
    interval: str = Query("1m", pattern="^(1m|5m|1h|1d)$"),
    points: int = Query(100, ge=1, le=1000),
    x_api_key: str = Header(...),
) -> dict:
    key_id = await _authorize(x_api_key)
    await enforce_public_quota(key_id, get_settings().public_quote_rate_per_minute)
    bars = await quote_service.price_history(symbol.upper(), interval, points)
    return {"symbol": symbol.upper(), "interval": interval, "bars": bars}
