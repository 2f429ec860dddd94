"""Account endpoints."""
import logging

import httpx
from fastapi import APIRouter, HTTPException

from ledger.clients import LedgerClient, LedgerDown, PricingClient, PricingDown

router = APIRouter()
log = logging.getLogger(__name__)
ledger = LedgerClient(httpx.AsyncClient(base_url="https://ledger.example", timeout=5))
pricing = PricingClient(httpx.AsyncClient(base_url="https://pricing.example", timeout=5))


@router.get("/accounts/{account}/balance")
async def balance(account: str) -> dict:
    """Look-alike: logs the ledger failure before answering 502."""
    try:
        return await ledger.balance(account)
    except LedgerDown as exc:
        log.exception("ledger balance failed for %s", account)
        raise HTTPException(status_code=502, detail="ledger unavailable") from exc


@router.get("/accounts/{account}/statement")
async def statement(account: str) -> dict:
    try:
        return {"balance": await ledger.balance(account)}
    except LedgerDown as exc:  # expect: logging-gap
        raise HTTPException(status_code=502, detail="statement unavailable") from exc


@router.get("/products/{product}/fee")
async def fee(product: str) -> dict:
    """Look-alike: chained, and no route of the project logs this failure when it answers for it."""
    try:
        return {"fee": await pricing.fee(product)}
    except PricingDown as exc:
        raise HTTPException(status_code=503, detail="pricing unavailable") from exc
