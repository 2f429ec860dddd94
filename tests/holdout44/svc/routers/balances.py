from __future__ import annotations

import json
from decimal import Decimal

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import get_session
from svc.repositories.accounts import AccountRepository
from svc.security import Principal, require_customer

router = APIRouter(prefix="/balances", tags=["balances"])

VALUATION_TTL_S = 20


@router.get("")
async def balances(
    request: Request,
    principal: Principal = Depends(require_customer),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    ledger = request.app.state.ledger_repo
    accounts = await AccountRepository(session).for_customer(principal.customer_id)
    out = []
    for account in accounts:
        balance, held = await ledger.balance(account.id)
        out.append(
            {
                "asset": account.asset,
                "balance": str(balance),
                "held": str(held),
                "available": str(balance - held),
            }
        )
    return out


@router.get("/value")
async def portfolio_value(
    request: Request,
    quote: str = "USD",
    principal: Principal = Depends(require_customer),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    redis = request.app.state.redis
    cache_key = f"custody:valuation:{quote}"
    cached = await redis.get(cache_key)
    if cached:
        return json.loads(cached)
    accounts = await AccountRepository(session).for_customer(principal.customer_id)
    amounts = await request.app.state.ledger_repo.balances([a.id for a in accounts])
    holdings: dict[str, Decimal] = {a.asset: amounts.get(a.id, (Decimal(0), Decimal(0)))[0] for a in accounts}
    result = await request.app.state.valuation.portfolio_value(holdings)
    await redis.set(cache_key, json.dumps(result), ex=VALUATION_TTL_S)
    return result


@router.get("/history/{account_id}")
async def history(
    account_id: int,
    request: Request,
    before: int | None = None,
    principal: Principal = Depends(require_customer),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    account = await AccountRepository(session).get(account_id)
    if account is None or account.customer_id != principal.customer_id:
        return []
    cache_key = f"custody:history:{principal.customer_id}:{account_id}:{before}"
    cached = await request.app.state.redis.get(cache_key)
    if cached:
        return json.loads(cached)
    rows = await request.app.state.ledger_repo.history(account_id, before, 100)
    payload = [
        {"id": r["id"], "amount": str(r["amount"]), "kind": r["kind"], "reference": r["reference"],
         "at": r["created_at"].isoformat()}
        for r in rows
    ]
    await request.app.state.redis.set(cache_key, json.dumps(payload), ex=10)
    return payload
