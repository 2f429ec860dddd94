"""Order placement, cancellation and fill handling."""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from typing import Any, Mapping

import asyncpg
import redis.asyncio as redis

from app.database import DataManager
from app.models import OrderCreate
from app.services import risk

logger = logging.getLogger(__name__)


class OrderRejected(Exception):
    def __init__(self, reasons: tuple[str, ...] | list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = tuple(reasons)


def estimate_fees(notional: Decimal) -> Decimal:
    """Exchange + clearing fees, with the broker's minimum ticket charge."""
    fee = notional * Decimal("0.0005")
    return max(fee, Decimal("1.00")).quantize(Decimal("0.01"))


def reference_price(
    order_type: str, limit_price: Decimal | None, last_price: Decimal | None
) -> Decimal | None:
    """Price used for pre-trade checks: the limit if there is one, else the last trade."""
    if order_type in ("limit", "stop") and limit_price is not None:
        return limit_price
    if last_price is None:
        return None
    # market orders are checked against a small slippage buffer
    return (last_price * Decimal("1.02")).quantize(Decimal("0.00000001"))


def _order_event(order: Mapping[str, Any]) -> str:
    return json.dumps(
        {
            "id": order["id"],
            "status": order["status"],
            "filled_quantity": str(order["filled_quantity"]),
            "avg_fill_price": str(order["avg_fill_price"]) if order["avg_fill_price"] is not None else None,
        }
    )


class OrderService:
    def __init__(
        self,
        dm: DataManager,
        redis_client: redis.Redis,
        risk_engine: risk.RiskEngine | None = None,
    ) -> None:
        self.dm = dm
        self.redis = redis_client
        self.risk_engine = risk_engine or risk.RiskEngine(dm)

    async def place_order(self, user_id: int, req: OrderCreate) -> asyncpg.Record:
        instrument = await self.dm.get_instrument_by_symbol(req.symbol)
        if instrument is None:
            raise LookupError(f"unknown symbol {req.symbol}")

        price = reference_price(req.order_type, req.limit_price, instrument["last_price"])
        if req.limit_price is not None and instrument["tick_size"]:
            rounded = risk.round_to_tick(req.limit_price, instrument["tick_size"])
            if rounded != req.limit_price:
                raise OrderRejected((f"limit_price must be a multiple of {instrument['tick_size']}",))
        if req.quantity % instrument["lot_size"] != 0:
            raise OrderRejected((f"quantity must be a multiple of {instrument['lot_size']}",))

        cash = await self.dm.get_cash_balance(user_id)
        decision = risk.check_order_limits(req.side, req.quantity, price, cash)
        if not decision.approved:
            raise OrderRejected(decision.reasons)

        notional = risk.compute_notional(req.quantity, price)
        if not await self.risk_engine.reserve_exposure(user_id, notional):
            raise OrderRejected(("exposure limit reached",))

        order = await self.dm.create_order(
            user_id,
            instrument["id"],
            req.side,
            req.order_type,
            req.quantity,
            req.limit_price,
            req.client_ref,
        )
        self.dm.log_audit(user_id, "order.submitted", {"order_id": order["id"], "symbol": req.symbol})
        await self._publish(order)
        logger.info("order %s placed for user %s (%s %s %s)", order["id"], user_id, req.side, req.quantity, req.symbol)
        return order

    async def cancel_order(self, user_id: int, order_id: int) -> asyncpg.Record:
        order = await self.dm.get_order_by_id(order_id)
        if order is None or order["user_id"] != user_id:
            raise LookupError(f"order {order_id} not found")
        cancelled = await self.dm.cancel_order(order_id, user_id)
        if cancelled is None:
            raise ValueError(f"order {order_id} is {order['status']} and cannot be cancelled")
        remaining = cancelled["quantity"] - cancelled["filled_quantity"]
        if cancelled["limit_price"] is not None:
            await self.risk_engine.release_exposure(user_id, risk.compute_notional(remaining, cancelled["limit_price"]))
        await self.dm.log_audit(user_id, "order.cancelled", {"order_id": order_id})
        await self._publish(cancelled)
        return cancelled

    async def record_fill(
        self, order_id: int, quantity: Decimal, price: Decimal
    ) -> asyncpg.Record:
        order = await self.dm.fill_order(order_id, quantity, price)
        notional = risk.compute_notional(quantity, price)
        fees = estimate_fees(notional)
        delta = -(notional + fees) if order["side"] == "buy" else notional - fees
        await self.dm.adjust_cash_balance(order["user_id"], delta)
        await self.risk_engine.release_exposure(order["user_id"], notional)
        await self.dm.log_audit(
            order["user_id"],
            "order.fill",
            {"order_id": order_id, "quantity": str(quantity), "price": str(price)},
        )
        await self._publish(order)
        return order

    async def _publish(self, order: Mapping[str, Any]) -> None:
        try:
            await self.redis.publish(f"orders:{order['user_id']}", _order_event(order))
        except Exception:
            pass
