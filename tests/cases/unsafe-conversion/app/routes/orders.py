"""Order routes: conversions of query, path and header values."""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Header, HTTPException, Query, Request

from app.config import FEE_RATE

router = APIRouter()


@router.get("/orders")
async def list_orders(request: Request) -> dict:
    limit = int(request.query_params.get("limit", "50"))  # expect: unsafe-conversion
    since = datetime.fromisoformat(request.query_params["since"])
    return {"limit": limit, "since": since.isoformat()}


@router.get("/orders/{order_id}")
async def get_order(order_id: str, x_client_version: str = Header("1")) -> dict:
    key = uuid.UUID(order_id)  # expect: unsafe-conversion
    return {"id": str(key), "client": float(x_client_version)}


@router.get("/quotes")
async def quote(request: Request) -> dict:
    try:
        price = Decimal(request.query_params["price"])  # expect: unsafe-conversion
    except ValueError:
        raise HTTPException(status_code=422, detail="price must be a number") from None
    return {"fee": str(price * FEE_RATE)}


# ----- look-alikes ------------------------------------------------------------------------------
@router.get("/fills")
async def list_fills(limit: int = Query(50, ge=1, le=500), page: int = 1) -> dict:
    return {"limit": int(limit), "page": float(page)}


@router.get("/trades")
async def list_trades(request: Request) -> dict:
    try:
        page = int(request.query_params.get("page", "1"))
        size = Decimal(request.query_params.get("size", "1"))
    except (ValueError, InvalidOperation):
        raise HTTPException(status_code=422, detail="bad paging") from None
    raw = request.query_params.get("offset", "0")
    offset = int(raw) if raw.isdigit() else 0
    length = int(request.headers.get("content-length", "0"))
    return {"page": page, "size": str(size), "offset": offset, "length": length}


def _page_number(request: Request) -> int:
    return int(request.query_params.get("page", "1"))


@router.get("/positions")
async def list_positions(request: Request) -> dict:
    try:
        page = _page_number(request)
    except ValueError:
        raise HTTPException(status_code=422, detail="page must be an integer") from None
    return {"page": page}


@router.get("/fees")
async def fees() -> dict:
    return {"rate": float(FEE_RATE), "minimum": Decimal("0.01")}


async def legacy_order(request: Request) -> dict:
    return {"id": int(request.path_params["order_id"])}


router.add_api_route("/legacy/{order_id:int}", legacy_order, methods=["GET"])
