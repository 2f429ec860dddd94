"""Polls prices; warns when a symbol has gone quiet."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import app.services.risk as risk
import app.plugins
from app import config
from app.config import env_flag

try:
    import ujson as json
except ImportError:
    import json

if TYPE_CHECKING:
    from app.services.risk import Decimal

logger = logging.getLogger(__name__)
config.FEATURE_FLAGS["fast_poll"] = env_flag("FAST_POLL")


def interval() -> float:
    return config.PRICE_POLL_INTERVAL  # expect: undefined-name


def stale_after() -> int:
    return config.STALE_AFTER_SECONDS


def describe(last_seen, quotes: dict) -> str:
    if last_seen is not None and not quotes:
        age = datetime.utcnow() - last_seen  # expect: undefined-name
        logger.warning("no quotes for %s", age)
    return json.dumps(quotes)


def exposure(qty: "Decimal", price: "Decimal") -> "Decimal":
    value = risk.notional(qty, price)
    risk.record_exposure(value)  # expect: wrong-call
    return value


def hooks() -> list:
    return [app.plugins.on_start, app.services.risk.limit_for, config.__file__]


def totals(rows: list[dict]) -> dict:
    by_symbol = {row["symbol"]: row["qty"] for row in rows}
    return {symbol: qty for symbol, qty in by_symbol.items() if qty}


def shadowed(config: dict) -> float:
    return config.PRICE_POLL_INTERVAL


def record() -> None:
    global _last
    _last = 1


def last() -> int:
    return _last
