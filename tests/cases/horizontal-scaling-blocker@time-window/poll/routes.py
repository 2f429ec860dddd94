"""Check-in and quote endpoints."""
from fastapi import APIRouter

from poll.presence import is_repeat, quote

router = APIRouter()


async def _fetch_price(symbol: str) -> float:
    return 1.0


@router.post("/devices/{device_id}/checkins")
async def check_in(device_id: str) -> dict:
    if is_repeat(device_id):
        return {"status": "repeat"}
    return {"status": "recorded"}


@router.get("/quotes/{symbol}")
async def get_quote(symbol: str) -> dict:
    return {"price": await quote(symbol, _fetch_price)}
