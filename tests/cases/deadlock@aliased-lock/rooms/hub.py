"""Room membership; the channel set shares the registry's lock under a second name."""
import asyncio


class RoomHub:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._members: dict[int, set[str]] = {}
        self._channels: set[int] = set()
        self._channels_guard = self._lock  # the channel set is guarded by the registry lock

    async def join(self, room_id: int, conn: str) -> None:
        async with self._lock:
            members = self._members.setdefault(room_id, set())
            members.add(conn)
            if len(members) == 1:
                await self.track(room_id)  # expect: deadlock

    async def track(self, room_id: int) -> None:
        async with self._channels_guard:
            self._channels.add(room_id)


class PresenceHub:
    def __init__(self, shared: asyncio.Lock | None = None) -> None:
        self._lock = asyncio.Lock()
        self._seen: dict[int, float] = {}
        self._stats_guard = shared if shared is not None else asyncio.Lock()
        self._hits = 0

    async def touch(self, user_id: int, at: float) -> None:
        async with self._lock:
            self._seen[user_id] = at
            await self.count()

    async def count(self) -> None:
        async with self._stats_guard:
            self._hits += 1
