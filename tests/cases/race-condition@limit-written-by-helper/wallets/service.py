"""Spending wallet credit and booking room places."""
from sqlalchemy.ext.asyncio import AsyncSession

from wallets.models import Room
from wallets.repo import WalletRepo, store_booked


class Refused(Exception):
    pass


async def spend(session: AsyncSession, wallet_id: int, amount: int) -> None:
    repo = WalletRepo(session)
    wallet = await repo.get(wallet_id)
    if wallet is None:
        raise Refused("no such wallet")
    if wallet.credit < amount:  # expect: race-condition
        raise Refused("not enough credit")
    await repo.set_credit(wallet, wallet.credit - amount)


async def spend_locked(session: AsyncSession, wallet_id: int, amount: int) -> None:
    """The row is read FOR UPDATE: a second spender waits for this transaction."""
    repo = WalletRepo(session)
    wallet = await repo.get_for_update(wallet_id)
    if wallet is None or wallet.credit < amount:
        raise Refused("not enough credit")
    await repo.set_credit(wallet, wallet.credit - amount)


async def close(session: AsyncSession, wallet_id: int) -> None:
    """The helper stores a constant, not a value computed from the one read."""
    repo = WalletRepo(session)
    wallet = await repo.get(wallet_id)
    if wallet is None or wallet.credit > 0:
        raise Refused("wallet still holds credit")
    await repo.set_credit(wallet, 0)


async def take_place(session: AsyncSession, room_id: int) -> None:
    room = await session.get(Room, room_id)
    if room is None:
        raise Refused("no such room")
    if room.booked >= room.capacity:  # expect: race-condition
        raise Refused(f"{room.name} is full")
    await store_booked(session, room=room, booked=room.booked + 1)
