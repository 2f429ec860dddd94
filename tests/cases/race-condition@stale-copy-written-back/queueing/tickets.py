"""Ticket numbers handed out per counter, persisted to an audit store."""
import asyncio


class TicketDispenser:
    def __init__(self, store) -> None:
        self._store = store
        self._last: dict[str, int] = {}
        self._printed = 0
        self._lock = asyncio.Lock()

    async def next_ticket(self, counter: str) -> int:
        last = self._last.get(counter) or 0
        await self._store.record(counter, last + 1)
        self._last[counter] = last + 1  # expect: race-condition
        return last + 1

    async def print_ticket(self, counter: str, number: int) -> None:
        printed = self._printed
        await self._store.print(counter, number)
        self._printed = printed + 1  # expect: race-condition

    async def next_ticket_locked(self, counter: str) -> int:
        async with self._lock:
            last = self._last.get(counter) or 0
            await self._store.record(counter, last + 1)
            self._last[counter] = last + 1
        return last + 1

    async def next_ticket_claimed_first(self, counter: str) -> int:
        last = self._last.get(counter) or 0
        self._last[counter] = last + 1
        await self._store.record(counter, last + 1)
        return last + 1

    async def refresh(self, counter: str) -> int:
        known = self._last.get(counter)
        fresh = await self._store.latest(counter)
        self._last[counter] = fresh
        return known or fresh


class Receipt:
    """Made per request: its fields are nobody else's."""

    def __init__(self, store) -> None:
        self._store = store
        self._lines = 0

    async def add_line(self, text: str) -> None:
        lines = self._lines
        await self._store.print("receipt", text)
        self._lines = lines + 1
