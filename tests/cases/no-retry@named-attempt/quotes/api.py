"""Quote routes."""
from fastapi import APIRouter

from quotes.clients import RatesClient, SpotClient

router = APIRouter()
spot = SpotClient("https://spot.internal")
rates = RatesClient("https://rates.internal")


@router.get("/spot/{asset}")
async def get_spot(asset: str) -> dict:
    return {"asset": asset, "price": await spot.spot(asset)}


@router.get("/rates/{pair}")
async def get_rate(pair: str) -> dict:
    return {"pair": pair, "rate": await rates.rate(pair)}
