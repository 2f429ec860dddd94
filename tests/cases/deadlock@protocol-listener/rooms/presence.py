"""Who is in a room, with listeners told when someone leaves."""
import asyncio
from typing import Protocol


class LeaveListener(Protocol):
    async def on_leave(self, member_id: int) -> None: ...


class Presence:
    def __init__(self) -> None:
        self._members: set[int] = set()
        self._lock = asyncio.Lock()
        self._listeners: list[LeaveListener] = []

    def add_listener(self, listener: LeaveListener) -> None:
        self._listeners.append(listener)

    async def leave(self, member_id: int) -> None:
        async with self._lock:
            self._members.discard(member_id)
            for listener in self._listeners:
                await listener.on_leave(member_id)  # expect: deadlock

    async def leave_then_tell(self, member_id: int) -> None:
        async with self._lock:
            self._members.discard(member_id)
        for listener in self._listeners:
            await listener.on_leave(member_id)

    async def is_present(self, member_id: int) -> bool:
        async with self._lock:
            return member_id in self._members
