from fastapi import APIRouter, Request

from app.services.pricing import quote

router = APIRouter(prefix="/orders")


@router.get("")
async def list_orders() -> list[dict]:
    return []


@router.post("/quote")
async def make_quote(request: Request, symbol: str) -> dict:
    return {"price": await quote(symbol)}
