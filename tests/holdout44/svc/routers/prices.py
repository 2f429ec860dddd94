from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request, status

from svc.clients.price_client import PriceUnavailable
from svc.utils.cache import TTLCache

router = APIRouter(prefix="/prices", tags=["prices"])

SUPPORTED_ASSETS = frozenset({"btc", "eth", "usdc"})
_quotes: TTLCache[str, dict[str, str]] = TTLCache(maxsize=64, ttl_s=10)


@router.get("/{asset}")
async def spot_price(asset: str, request: Request) -> dict[str, str]:
    asset = asset.lower()
    if asset not in SUPPORTED_ASSETS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unsupported asset")
    quote = _quotes.get(asset)
    if quote is not None:
        return quote
    try:
        price: Decimal = await request.app.state.prices.spot(asset)
    except PriceUnavailable:
        last = await request.app.state.redis.get(f"custody:price:last:{asset}")
        if last is None:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "price unavailable") from None
        quote = {"asset": asset, "price": last, "stale": "true"}
        return quote
    quote = {"asset": asset, "price": str(price), "stale": "false"}
    _quotes.set(asset, quote)
    return quote
