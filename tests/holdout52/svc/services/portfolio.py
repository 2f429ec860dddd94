from __future__ import annotations

import copy
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories import accounts as accounts_repo
from ..repositories import ledger as ledger_repo
from ..cache.redis_client import get_redis
from ..repositories import positions as positions_repo
from ..schemas import AccountSummary, PositionOut
from ..utils.money import to_cents
from . import quotes


async def account_summary(session: AsyncSession, account_id: int) -> AccountSummary | None:
    account = await accounts_repo.get_account(session, account_id)
    if account is None:
        return None
    rows = await positions_repo.positions_for_account(account_id)
    symbols = [r["symbol"] for r in rows]
    prices = await quotes.get_quotes(symbols)
    positions: list[PositionOut] = []
    equity = account.cash_balance
    for row in rows:
        quote = prices.get(row["symbol"])
        last = quote.last if quote else None
        value = to_cents(last * row["quantity"]) if last is not None else None
        if value is not None:
            equity += value
        positions.append(
            PositionOut(
                symbol=row["symbol"],
                quantity=row["quantity"],
                average_cost=row["average_cost"],
                last_price=last,
                market_value=value,
            )
        )
    return AccountSummary(
        account_id=account.id,
        account_number=account.account_number,
        cash=account.cash_balance,
        positions=positions,
        equity=equity,
    )


async def customer_cash_overview(session: AsyncSession, customer_id: int) -> dict[str, Decimal]:
    accounts = await accounts_repo.accounts_for_customer(session, customer_id)
    overview: dict[str, Decimal] = {}
    for account in accounts:
        overview[account.account_number] = await ledger_repo.cash_balance(account.id)
    return overview


async def customer_positions_overview(session: AsyncSession, customer_id: int) -> dict[str, list[dict]]:
    accounts = await accounts_repo.accounts_for_customer(session, customer_id)
    grouped = await positions_repo.positions_for_accounts([a.id for a in accounts])
    by_number = {a.id: a.account_number for a in accounts}
    snapshot = copy.deepcopy(grouped)
    return {
        by_number[account_id]: [{"symbol": r["symbol"], "quantity": r["quantity"]} for r in rows]
        for account_id, rows in snapshot.items()
    }


async def daily_pnl(account_id: int) -> dict[str, object]:
    rows = await positions_repo.positions_for_account(account_id)
    symbols = [r["symbol"] for r in rows]
    if not symbols:
        return {"account_id": account_id, "total": Decimal("0"), "by_symbol": {}}
    closes = await get_redis().hmget("session:prev_close", symbols)
    current = await quotes.get_quotes(symbols)
    by_symbol: dict[str, Decimal] = {}
    for row, close_raw in zip(rows, closes):
        quote = current.get(row["symbol"])
        if quote is None or close_raw is None:
            continue
        by_symbol[row["symbol"]] = to_cents((quote.last - Decimal(close_raw)) * row["quantity"])
    return {"account_id": account_id, "total": sum(by_symbol.values(), Decimal("0")), "by_symbol": by_symbol}


def allocation(summary: AccountSummary) -> list[dict[str, object]]:
    if summary.equity <= 0:
        return []
    weights = []
    for position in summary.positions:
        if position.market_value is None:
            continue
        weights.append(
            {
                "symbol": position.symbol,
                "weight": float(position.market_value / summary.equity),
                "value": position.market_value,
            }
        )
    weights.sort(key=lambda w: w["weight"], reverse=True)
    return weights
