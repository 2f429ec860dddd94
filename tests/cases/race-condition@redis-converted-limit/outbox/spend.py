"""Per-account spending cap for outbound SMS, in cents."""
from decimal import Decimal

from redis.asyncio import Redis

from outbox.limits import OverBudget


async def charge_sms(cache: Redis, account: str, cents: int, cap: int) -> None:
    key = f"spend:sms:{account}"
    stored = await cache.get(key)  # expect: race-condition
    spent = Decimal(stored.decode()) if stored is not None else Decimal(0)
    if spent + cents > cap:
        raise OverBudget(account)
    await cache.set(key, str(spent + cents))
