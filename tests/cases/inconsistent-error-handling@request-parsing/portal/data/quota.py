"""Quota bookkeeping, used by the routes and by the nightly job."""
from fastapi import HTTPException


async def charge(store, user_id: str, amount: int) -> None:
    left = await store.remaining(user_id)
    if left < amount:
        raise HTTPException(status_code=402, detail="Quota exhausted")  # expect: inconsistent-error-handling
    await store.spend(user_id, amount)
