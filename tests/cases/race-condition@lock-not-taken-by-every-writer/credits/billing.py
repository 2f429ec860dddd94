"""Charging and refunding credits; seats are only changed under the tenant lock."""
from credits import repo
from credits.locks import tenant_lock


async def charge(tenant_id: int, cost: int) -> int:
    async with tenant_lock(tenant_id):
        balance = await repo.credits(tenant_id)  # expect: race-condition
        await repo.set_credits(tenant_id, balance - cost)
    return balance - cost


async def grant_seat(tenant_id: int) -> None:
    async with tenant_lock(tenant_id):
        current = await repo.seats(tenant_id)
        await repo.set_seats(tenant_id, current + 1)


async def return_seat(tenant_id: int) -> None:
    async with tenant_lock(tenant_id):
        await repo.add_seats(tenant_id, -1)
