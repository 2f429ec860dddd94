"""Webhook bookkeeping."""
import time

_handled_events: dict[str, float] = {}  # expect: horizontal-scaling-blocker
_rates: dict[str, float] = {}


class AlreadyHandled(Exception):
    pass


async def apply_refund(event_id: str, amount: int, db) -> None:
    if event_id in _handled_events:
        raise AlreadyHandled(event_id)
    await db.refund(amount)
    _handled_events[event_id] = time.time()


async def rate_for(currency: str, db) -> float:
    if currency in _rates:
        return _rates[currency]
    rate = await db.fetch_rate(currency)
    _rates[currency] = rate
    return rate
