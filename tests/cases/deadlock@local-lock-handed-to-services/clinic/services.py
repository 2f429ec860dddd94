import asyncio
from collections import defaultdict


class Drives:
    def __init__(self, pool, capacity_lock: asyncio.Lock) -> None:
        self._pool = pool
        self._capacity_lock = capacity_lock

    async def reserve(self, drive_id: int, seats: int) -> None:
        async with self._capacity_lock:
            await self._pool.execute("UPDATE drives SET capacity = capacity - $2 WHERE id = $1", drive_id, seats)


class Booking:
    def __init__(self, drives: Drives, capacity_lock: asyncio.Lock) -> None:
        self._drives = drives
        self._capacity_lock = capacity_lock

    async def walk_in(self, drive_id: int) -> None:
        async with self._capacity_lock:
            await self._drives.reserve(drive_id, 1)  # expect: deadlock


class Rooms:
    def __init__(self, pool, room_lock: asyncio.Lock) -> None:
        self._pool = pool
        self._room_lock = room_lock

    async def hold(self, room_id: int) -> None:
        async with self._room_lock:
            await self._pool.execute("UPDATE rooms SET held = true WHERE id = $1", room_id)


class Visits:
    def __init__(self, rooms: Rooms, visit_lock: asyncio.Lock) -> None:
        self._rooms = rooms
        self._visit_lock = visit_lock

    async def start(self, room_id: int) -> None:
        async with self._visit_lock:  # a different lock from the one `Rooms` takes: no re-entry
            await self._rooms.hold(room_id)


class EnvLocks:
    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def for_env(self, env_id: object) -> asyncio.Lock:
        return self._locks[str(env_id)]


class Environments:
    def __init__(self, pool, locks: EnvLocks) -> None:
        self._pool = pool
        self._locks = locks

    async def bump(self, env_id: int) -> None:
        async with self._locks.for_env(env_id):  # expect: deadlock
            await self._pool.execute("UPDATE envs SET version = version + 1 WHERE id = $1", env_id)


class Flags:
    def __init__(self, environments: Environments, locks: EnvLocks) -> None:
        self._environments = environments
        self._locks = locks

    async def update(self, env, other_id: int) -> None:
        async with self._locks.for_env(env.id):
            await self._environments.bump(env.id)

    async def copy(self, env, other_id: int) -> None:
        async with self._locks.for_env(env.id):
            await self._environments.bump(other_id)  # another key: another lock of the family
