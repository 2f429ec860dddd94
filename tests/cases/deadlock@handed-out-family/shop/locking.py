"""Per-cart and per-store locks, created on first use."""
import asyncio

_cart_locks: dict[str, asyncio.Lock] = {}
_store_locks = {}


def cart_lock(cart_id: str) -> asyncio.Lock:
    found = _cart_locks.get(cart_id)
    if found is None:
        found = _cart_locks.setdefault(cart_id, asyncio.Lock())
    return found


def store_lock(store_id: int):
    return _store_locks.setdefault(store_id, asyncio.Lock())
