"""Order validation and fee rules."""
from __future__ import annotations

from decimal import Decimal

FEES = {"equity": Decimal("0.0005"), "option": Decimal("0.65"), "future": Decimal("1.20"), "fx": Decimal("0.00002")}


def validate_order(order: dict, account: dict, market_open: bool) -> list[str]:  # expect: high-complexity
    """Over the cyclomatic limit: one decision after another."""
    errors = []
    if order.get("quantity", 0) <= 0:
        errors.append("quantity must be positive")
    if order.get("side") not in ("buy", "sell"):
        errors.append("side must be buy or sell")
    if order.get("type") == "limit" and order.get("limit_price") is None:
        errors.append("limit orders need a price")
    if order.get("type") == "stop" and order.get("stop_price") is None:
        errors.append("stop orders need a stop price")
    if not market_open and order.get("time_in_force") == "ioc":
        errors.append("IOC orders need an open market")
    if account.get("frozen"):
        errors.append("account is frozen")
    if order.get("side") == "sell" and order.get("short") and not account.get("margin"):
        errors.append("short selling needs a margin account")
    if order.get("quantity", 0) > account.get("max_quantity", 10_000):
        errors.append("quantity above the account limit")
    for tag in order.get("tags", []):
        if not tag.isidentifier():
            errors.append(f"bad tag {tag!r}")
    return errors


def settle(trades: list[dict], positions: dict[str, Decimal]) -> list[str]:  # expect: high-complexity
    """Few decisions, but nested so deeply that the cognitive complexity is over its limit."""
    notes = []
    for trade in trades:
        if trade["status"] == "filled":
            for leg in trade["legs"]:
                if leg["symbol"] in positions:
                    if leg["side"] == "sell":
                        if positions[leg["symbol"]] < leg["quantity"]:
                            notes.append(f"oversold {leg['symbol']}")
                        else:
                            positions[leg["symbol"]] -= leg["quantity"]
                    else:
                        positions[leg["symbol"]] += leg["quantity"]
                else:
                    positions[leg["symbol"]] = leg["quantity"]
        elif trade["status"] == "cancelled":
            notes.append(f"cancelled {trade['id']}")
    return notes


def fee_for(kind: str, notional: Decimal, contracts: int) -> Decimal:
    """The table replaces an if/elif chain: low complexity."""
    rate = FEES.get(kind)
    if rate is None:
        raise ValueError(f"unknown instrument kind {kind}")
    return rate * (notional if kind in ("equity", "fx") else contracts)


def route(order: dict) -> str:
    """One decision under the cyclomatic limit, so it stays silent."""
    venue = "primary"
    if order.get("dark"):
        venue = "dark-pool"
    if order.get("quantity", 0) > 10_000:
        venue = "block"
    if order.get("algo") == "twap":
        venue = "algo-twap"
    if order.get("algo") == "vwap":
        venue = "algo-vwap"
    if order.get("currency") != "USD":
        venue = "international"
    if order.get("odd_lot") or order.get("quantity", 0) % 100:
        venue = "odd-lot"
    match order.get("session"):
        case "pre":
            venue += "-pre"
        case "post":
            venue += "-post"
        case "auction":
            venue += "-auction"
        case _:
            pass
    if order.get("priority") == "urgent":
        venue += "-urgent"
    if order.get("test") and not order.get("live"):
        venue = "sandbox"
    return venue


def outer(orders: list[dict]) -> list[str]:
    """Each function is measured on its own: outer and inner are both small."""
    def inner(order: dict) -> str:
        if order.get("a"):
            return "a"
        if order.get("b"):
            return "b"
        if order.get("c"):
            return "c"
        if order.get("d"):
            return "d"
        if order.get("e"):
            return "e"
        return "f"

    out = []
    for order in orders:
        if order.get("skip"):
            continue
        if order.get("x") and order.get("y"):
            out.append(inner(order))
        elif order.get("z"):
            out.append("z")
    return out
