from __future__ import annotations

from bunkering.locks import KeyedLocks


class BunkerService:
    def __init__(self, db, locks: KeyedLocks) -> None:
        self._db = db
        self._locks = locks

    async def nominate(self, vessel_id: int, supplier_id: int) -> None:
        async with self._locks.get(f"vessel:{vessel_id}"):
            async with self._locks.get(f"supplier:{supplier_id}"):
                await self._db.nominate(vessel_id, supplier_id)

    async def berth(self, vessel_id: int, berth_id: int) -> None:
        async with self._locks.get(f"vessel:{vessel_id}"):
            async with self._locks.get(f"berth:{berth_id}"):
                await self._db.berth(vessel_id, berth_id)
