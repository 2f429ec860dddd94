"""Formatting helpers for orders, positions and alerts."""  # expect: large-file
from __future__ import annotations

from decimal import Decimal


def format_order(order: dict) -> str:
    side = order["side"].upper()
    price = format_price(order.get("limit_price"))
    return f"{side} {order['quantity']} {order['symbol']} @ {price}"


def format_order_status(order: dict) -> str:
    status = order.get("status", "new")
    if status == "partially_filled":
        return f"partially filled ({order.get('filled', 0)}/{order['quantity']})"
    return status.replace("_", " ")


def format_order_age(order: dict, now: float) -> str:
    seconds = int(now - order["created_at"])
    if seconds < 60:
        return f"{seconds}s"
    return f"{seconds // 60}m"


def format_position(position: dict) -> str:
    quantity = position["quantity"]
    direction = "long" if quantity >= 0 else "short"
    return f"{direction} {abs(quantity)} {position['symbol']}"


def format_position_pnl(position: dict, last_price: Decimal) -> str:
    pnl = (last_price - position["avg_price"]) * position["quantity"]
    sign = "+" if pnl >= 0 else "-"
    return f"{sign}{abs(pnl):.2f}"


def format_alert(alert: dict) -> str:
    comparison = "above" if alert["direction"] == "up" else "below"
    return f"{alert['symbol']} {comparison} {format_price(alert['threshold'])}"


def format_alert_state(alert: dict) -> str:
    if not alert.get("active", True):
        return "inactive"
    if alert.get("triggered_at"):
        return "triggered"
    return "waiting"


def format_price(price: Decimal | None) -> str:
    if price is None:
        return "market"
    return f"{price:.2f}"


def format_quantity(quantity: Decimal) -> str:
    if quantity == quantity.to_integral_value():
        return str(int(quantity))
    return f"{quantity:.4f}".rstrip("0")
