"""Member and title locks from one registry helper method, taken in both orders."""
import asyncio


class Loans:
    def __init__(self, db) -> None:
        self._db = db
        self._members: dict[int, asyncio.Lock] = {}
        self._titles: dict[int, asyncio.Lock] = {}

    def _lock_in(self, table: dict, key: int) -> asyncio.Lock:
        found = table.get(key)
        if found is None:
            found = table[key] = asyncio.Lock()
        return found

    def _member_lock(self, member_id: int) -> asyncio.Lock:
        return self._lock_in(self._members, member_id)

    def _title_lock(self, title_id: int) -> asyncio.Lock:
        return self._lock_in(self._titles, title_id)

    async def lend(self, member_id: int, title_id: int) -> None:
        async with self._member_lock(member_id):
            async with self._title_lock(title_id):
                await self._db.lend(member_id, title_id)

    async def give_back(self, member_id: int, title_id: int) -> None:
        async with self._title_lock(title_id):
            async with self._member_lock(member_id):  # expect: deadlock
                await self._db.give_back(member_id, title_id)
