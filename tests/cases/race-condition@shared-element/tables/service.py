"""Restaurant tables held in memory: guests take seats until a table is full."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class Table:
    capacity: int
    seats: list[str] = field(default_factory=list)


class TableService:
    def __init__(self, profiles) -> None:
        self._profiles = profiles
        self._tables: dict[int, Table] = {1: Table(4), 2: Table(2)}
        self._lock = asyncio.Lock()

    def _table(self, table_id: int) -> Table:
        table = self._tables.get(table_id)
        if table is None:
            raise KeyError(table_id)
        return table

    async def sit(self, table_id: int, guest: str) -> None:
        table = self._table(table_id)
        if len(table.seats) >= table.capacity:  # expect: race-condition
            raise ValueError("table full")
        name = await self._profiles.display_name(guest)
        table.seats.append(name)

    async def sit_locked(self, table_id: int, guest: str) -> None:
        async with self._lock:
            table = self._tables[table_id]
            if len(table.seats) >= table.capacity:
                raise ValueError("table full")
            name = await self._profiles.display_name(guest)
            table.seats.append(name)

    async def preview(self, capacity: int, guest: str) -> Table:
        table = Table(capacity)
        if len(table.seats) >= table.capacity:
            raise ValueError("table full")
        name = await self._profiles.display_name(guest)
        table.seats.append(name)
        return table
