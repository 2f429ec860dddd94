"""Checkout steps that talk to the processor."""
from .clients.payments import processor
from .locking import cart_lock, store_lock


async def abandon_cart(cart_id: str, auth_id: str) -> None:
    async with cart_lock(cart_id):  # expect: deadlock
        await processor.void(auth_id)


async def close_store_day(store_id: int, auth_ids: list[str]) -> None:
    async with store_lock(store_id):  # expect: deadlock
        for auth_id in auth_ids:
            await processor.void(auth_id)


async def release_cart(cart_id: str, auth_id: str, carts: dict) -> None:
    # correct: the lock guards the shared cart only; the remote call runs after it is released
    async with cart_lock(cart_id):
        cart = carts.pop(cart_id, None)
    if cart is not None:
        await processor.void(auth_id)
