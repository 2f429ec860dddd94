"""PIN attempts for the kiosk login, and what the lockout counts."""
import time

from fastapi import HTTPException

WINDOW = 600
LIMIT = 3
_bad_pins: dict[int, list[float]] = {}  # expect: horizontal-scaling-blocker
_lock_policy: dict[str, int] = {"kiosk": LIMIT}


def _locked_out(card: int) -> bool:
    cutoff = time.monotonic() - WINDOW
    attempts = [t for t in _bad_pins.get(card, ()) if t > cutoff]
    _bad_pins[card] = attempts
    return len(attempts) >= LIMIT


async def check_pin(card: int, pin: str, store) -> None:
    if _locked_out(card):
        raise HTTPException(status_code=423, detail="card locked")
    if not await store.pin_matches(card, pin):
        _bad_pins.setdefault(card, []).append(time.monotonic())
        raise HTTPException(status_code=401)


def _policy_limit(kind: str) -> int:
    return _lock_policy.get(kind, LIMIT)


async def check_pin_shared(card: int, pin: str, store, redis) -> None:
    """The same lockout counted in Redis, which every replica sees."""
    if int(await redis.get(f"pins:{card}") or 0) >= _policy_limit("kiosk"):
        raise HTTPException(status_code=423, detail="card locked")
    if not await store.pin_matches(card, pin):
        await redis.incr(f"pins:{card}")
        await redis.expire(f"pins:{card}", WINDOW)
        raise HTTPException(status_code=401)
