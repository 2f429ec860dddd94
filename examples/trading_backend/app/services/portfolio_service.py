"""Portfolio valuation, firm-wide exposure and rebalancing proposals."""

from __future__ import annotations

import asyncio
import logging
import threading
from decimal import Decimal
from typing import Any

import httpx

from app.database import DataManager
from app.models import PortfolioSummary, PositionOut, QuoteOut, RebalanceLeg, RebalancePlan
from app.services import risk
from app.services.ticker_client import TickerClient

logger = logging.getLogger(__name__)


def _format_reason(current_weight, target_weight):
    return f"weight {current_weight:.1%} -> {target_weight:.1%}"


class PortfolioService:
    def __init__(self, dm: DataManager, ticker: TickerClient) -> None:
        self.dm = dm
        self.ticker = ticker
        self._quote_sem = asyncio.Semaphore(10)
        self._snapshot_lock = threading.Lock()
        self._last_snapshot: dict[int, PortfolioSummary] = {}

    async def get_summary(self, user_id: int) -> PortfolioSummary:
        rows = await self.dm.list_positions(user_id)
        cash = await self.dm.get_cash_balance(user_id)

        positions: list[PositionOut] = []
        market_value = Decimal("0")
        unrealized = Decimal("0")
        realized = Decimal("0")
        values_by_symbol: dict[str, Decimal] = {}
        for row in rows:
            last = row["last_price"]
            upnl = (last - row["avg_price"]) * row["quantity"] if last is not None else None
            positions.append(PositionOut(**dict(row), unrealized_pnl=upnl))
            mark = last if last is not None else row["avg_price"]
            value = mark * row["quantity"]
            market_value += value
            values_by_symbol[row["symbol"]] = value
            unrealized += upnl or Decimal("0")
            realized += row["realized_pnl"]

        warnings = [
            f"{symbol} exceeds the concentration limit"
            for symbol in risk.concentration_breaches(values_by_symbol)
        ]
        return PortfolioSummary(
            user_id=user_id,
            cash_balance=cash,
            market_value=market_value,
            unrealized_pnl=unrealized,
            realized_pnl=realized,
            positions=positions,
            warnings=warnings,
        )

    async def refresh_snapshot(self, user_id: int) -> PortfolioSummary:
        with self._snapshot_lock:
            summary = await self.get_summary(user_id)
            self._last_snapshot[user_id] = summary
        return summary

    def cached_snapshot(self, user_id: int) -> PortfolioSummary | None:
        return self._last_snapshot.get(user_id)

    async def house_exposure(self) -> dict[str, Any]:
        """Firm-wide book used by the admin dashboard."""
        user_ids = await self.dm.list_user_ids_with_positions()
        books = [await self.dm.get_position(uid) for uid in user_ids]
        books = [book for book in books if book is not None]
        gross = sum((book["gross_cost"] for book in books), Decimal("0"))
        realized = sum((book["realized_pnl"] for book in books), Decimal("0"))
        top = sorted(books, key=lambda book: book["gross_cost"], reverse=True)[:10]
        return {
            "users": len(books),
            "gross_cost": gross,
            "realized_pnl": realized,
            "top_users": [
                {"user_id": book["user_id"], "gross_cost": book["gross_cost"]} for book in top
            ],
        }

    async def _bounded_quote(self, symbol: str) -> tuple[str, QuoteOut | None]:
        async with self._quote_sem:
            try:
                return symbol, await self.ticker.get_quote(symbol)
            except httpx.HTTPError as exc:
                logger.warning("quote for %s unavailable: %s", symbol, exc)
                return symbol, None

    async def live_quotes(self, symbols: list[str]) -> dict[str, QuoteOut]:
        results = await asyncio.gather(*(self._bounded_quote(symbol) for symbol in symbols))
        return {symbol: quote for symbol, quote in results if quote is not None}

    async def build_rebalance_plan(
        self,
        user_id: int,
        targets: dict[int, float],
        tolerance: float = 0.02,
        min_trade_value: float = 50.0,
        allow_shorts: bool = False,
    ) -> RebalancePlan:
        """Propose the trades that move a user's book towards target weights."""
        positions = await self.dm.list_positions(user_id)
        cash = await self.dm.get_cash_balance(user_id)
        held = {p["instrument_id"]: p for p in positions}
        instrument_ids = sorted(set(held) | set(targets))
        instruments = await self.dm.get_instruments_by_ids(instrument_ids)

        total_value = Decimal(cash)
        prices: dict[int, Decimal] = {}
        skipped: list[str] = []
        for iid in instrument_ids:
            inst = instruments.get(iid)
            if inst is None:
                skipped.append(f"unknown instrument {iid}")
                continue
            price = inst["last_price"]
            if price is None:
                pos = held.get(iid)
                if pos is not None and pos["avg_price"]:
                    price = pos["avg_price"]
                    skipped.append(f"{inst['symbol']}: no market price, using cost basis")
                else:
                    skipped.append(f"{inst['symbol']}: no price available")
                    continue
            prices[iid] = Decimal(price)
            if iid in held:
                total_value += held[iid]["quantity"] * prices[iid]

        if total_value <= 0:
            return RebalancePlan(user_id=user_id, legs=[], skipped=skipped + ["portfolio has no value"])

        weight_sum = sum(targets.values())
        if weight_sum > 1.0001:
            weights = {iid: w / weight_sum for iid, w in targets.items()}
        else:
            weights = dict(targets)

        legs: list[RebalanceLeg] = []
        leg_values: dict[str, Decimal] = {}
        turnover = Decimal("0")
        for iid, price in prices.items():
            inst = instruments[iid]
            current_qty = held[iid]["quantity"] if iid in held else Decimal("0")
            current_weight = float(current_qty * price / total_value)
            target_weight = weights.get(iid, 0.0)
            if abs(target_weight - current_weight) < tolerance:
                continue
            delta_value = Decimal(str(target_weight)) * total_value - current_qty * price
            if abs(delta_value) < Decimal(str(min_trade_value)):
                skipped.append(f"{inst['symbol']}: trade below minimum size")
                continue
            lot = inst["lot_size"] or 1
            qty = (abs(delta_value) / price) // lot * lot
            if qty == 0:
                skipped.append(f"{inst['symbol']}: less than one lot")
                continue
            side = "buy" if delta_value > 0 else "sell"
            if side == "sell" and not allow_shorts:
                if qty > current_qty:
                    if current_qty <= 0:
                        skipped.append(f"{inst['symbol']}: would open a short")
                        continue
                    qty = current_qty
            if side == "buy":
                cost = qty * price * Decimal("1.001")
                if cost > cash:
                    affordable = (cash / (price * Decimal("1.001"))) // lot * lot
                    if affordable <= 0:
                        skipped.append(f"{inst['symbol']}: insufficient cash")
                        continue
                    qty = affordable
                cash -= qty * price * Decimal("1.001")
            legs.append(
                RebalanceLeg(
                    symbol=inst["symbol"],
                    side=side,
                    quantity=qty,
                    reason=_format_reason(current_weight, target_weight),
                )
            )
            leg_values[inst["symbol"]] = qty * price
            turnover += qty * price

        if len(legs) > 20:
            legs.sort(key=lambda leg: leg_values[leg.symbol], reverse=True)
            for dropped in legs[20:]:
                skipped.append(f"{dropped.symbol}: dropped, plan limited to 20 legs")
                turnover -= leg_values[dropped.symbol]
            legs = legs[:20]
        legs.sort(key=lambda leg: 0 if leg.side == "sell" else 1)
        return RebalancePlan(
            user_id=user_id, legs=legs, skipped=skipped, estimated_turnover=turnover
        )
