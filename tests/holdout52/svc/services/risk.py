from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients import refdata
from ..config import get_settings
from ..db.models import Account
from ..repositories import orders as orders_repo
from ..repositories import positions as positions_repo
from ..schemas import OrderRequest
from ..utils.money import notional
from . import quotes

log = logging.getLogger(__name__)

_symbol_info: dict[str, dict[str, Any]] = {}

_FEE_TIERS = (
    (Decimal("1000000"), Decimal("0.0002")),
    (Decimal("100000"), Decimal("0.0004")),
    (Decimal("10000"), Decimal("0.0008")),
)
_MIN_COMMISSION = Decimal("1.00")


@lru_cache(maxsize=8)
def fee_schedule(account_type: str) -> tuple[tuple[Decimal, Decimal], ...]:
    if account_type == "margin":
        return tuple((floor, rate * Decimal("0.9")) for floor, rate in _FEE_TIERS)
    return _FEE_TIERS


@cache
def commission(account_type: str, order_notional: Decimal) -> Decimal:
    for floor, rate in fee_schedule(account_type):
        if order_notional >= floor:
            return max((order_notional * rate).quantize(Decimal("0.01")), _MIN_COMMISSION)
    return _MIN_COMMISSION


@dataclass
class RiskDecision:
    accepted: bool
    reason: str | None = None


async def _tradable(symbol: str) -> bool:
    info = _symbol_info.get(symbol)
    if info is None:
        info = await refdata.fetch_symbol_info(symbol)
        _symbol_info[symbol] = info
    return bool(info.get("tradable")) and not info.get("halted", False)


async def _reference_price(req: OrderRequest) -> Decimal | None:
    if req.limit_price is not None:
        return req.limit_price
    quote = await quotes.get_quote(req.symbol)
    return quote.ask if quote is not None else None


async def check_order(session: AsyncSession, account: Account, req: OrderRequest) -> RiskDecision:
    settings = get_settings()
    if not await _tradable(req.symbol):
        return RiskDecision(False, "symbol is not tradable")
    price = await _reference_price(req)
    if price is None:
        return RiskDecision(False, "no reference price")
    order_notional = notional(req.quantity, price)
    if order_notional > Decimal(str(settings.max_order_notional)):
        return RiskDecision(False, "order exceeds notional limit")

    if req.side == "BUY":
        open_orders = await orders_repo.open_orders_for_account(session, account.id)
        reserved = sum(
            (notional(o.quantity - o.filled_quantity, o.limit_price or price) for o in open_orders if o.side == "buy"),
            Decimal("0"),
        )
        fee = commission(account.account_type, order_notional)
        if account.cash_balance - reserved < order_notional + fee:
            return RiskDecision(False, "insufficient buying power")

    position = await positions_repo.get_position(account.id, req.symbol)
    held = position["quantity"] if position is not None else 0
    if req.side == "sell" and req.quantity > held:
        return RiskDecision(False, "short selling is not enabled for this account")
    if req.side == "buy" and held + req.quantity > settings.max_position_qty:
        return RiskDecision(False, "position limit exceeded")
    return RiskDecision(True)
