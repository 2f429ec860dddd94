"""Dropping parcels into lockers."""
from lockers.store import LockerStore


class LockerTaken(Exception):
    pass


class DropService:
    def __init__(self, store: LockerStore) -> None:
        self.store = store

    async def drop(self, locker_id: int, parcel: str) -> None:
        current = await self.store.state_of(locker_id)
        if current != "empty":  # expect: race-condition
            raise LockerTaken(f"locker {locker_id} holds a parcel")
        await self.store.put_state(locker_id, "full", parcel)

    async def drop_atomically(self, locker_id: int, parcel: str) -> None:
        if not await self.store.fill_if_empty(locker_id, parcel):
            raise LockerTaken(f"locker {locker_id} holds a parcel")

    async def collect(self, locker_id: int) -> None:
        """Emptying is idempotent: no state test gates it."""
        await self.store.put_state(locker_id, "empty", None)
