"""Rental state ticks started in every web process."""
import asyncio
from datetime import datetime, timezone

from rentals.repo import BookingRepository


async def handover_tick(repo: BookingRepository) -> None:
    """Starts due bookings from a plain read, then ends due ones from a claim: only the second is
    coordinated."""
    now = datetime.now(timezone.utc)
    for booking in await repo.due_to_start(now):  # expect: worker-coordination
        await repo.set_status(booking["id"], "active")
    for booking in await repo.claim_due_to_end(now):
        await repo.release_car(booking["car_id"])


async def returns_tick(repo: BookingRepository) -> None:
    """Only works on rows its claim took."""
    now = datetime.now(timezone.utc)
    for booking in await repo.claim_due_to_end(now):
        await repo.release_car(booking["car_id"])


async def run_handover(repo: BookingRepository) -> None:
    while True:
        await handover_tick(repo)
        await asyncio.sleep(30)


async def run_returns(repo: BookingRepository) -> None:
    while True:
        await returns_tick(repo)
        await asyncio.sleep(30)
