"""Device check-ins: a second check-in within a minute is folded into the first."""
from datetime import datetime, timedelta, timezone

_seen_at: dict[str, datetime] = {}  # expect: horizontal-scaling-blocker
_quotes: dict[str, tuple[float, datetime]] = {}


def is_repeat(device_id: str) -> bool:
    now = datetime.now(timezone.utc)
    previous = _seen_at.get(device_id)
    _seen_at[device_id] = now
    return previous is not None and now - previous < timedelta(minutes=1)


async def quote(symbol: str, fetch) -> float:
    now = datetime.now(timezone.utc)
    held = _quotes.get(symbol)
    if held is not None and now - held[1] < timedelta(seconds=30):
        return held[0]
    price = await fetch(symbol)
    _quotes[symbol] = (price, now)
    return held[0] if held else price
