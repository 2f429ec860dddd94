"""Live subscriptions and speech turns, removed when they end; profile, badge and grant caches
only invalidated (returning the popped value, or testing an entry's expiry before `del`, does not
end anything)."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import asyncpg


@dataclass
class Subscription:
    name: str
    queue: asyncio.Queue = field(default_factory=asyncio.Queue)
    task: asyncio.Task | None = None


@dataclass
class Grant:
    scope: str
    expires: float


@dataclass
class Turn:
    flush_on_end: bool = True


class Hub:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._subs: dict[str, Subscription] = {}
        self._turns: dict[str, Turn] = {}
        self._profiles: dict[str, dict] = {}  # expect: unbounded-cache
        self._badges: dict[str, dict] = {}  # reported with `_profiles` (one finding per class)
        self._grants: dict[str, Grant] = {}  # reported with `_profiles` (one finding per class)

    async def subscribe(self, name: str) -> None:
        if name in self._subs:
            return
        sub = Subscription(name)
        sub.task = asyncio.create_task(self._pump(sub))
        self._subs[name] = sub

    async def unsubscribe(self, name: str) -> None:
        await self._pool.execute("UPDATE members SET online = false WHERE name = $1", name)
        sub = self._subs.pop(name, None)
        if sub and sub.task:
            await self._cancel(sub.task)

    async def _cancel(self, task: asyncio.Task) -> None:
        task.cancel()

    async def _pump(self, sub: Subscription) -> None:
        while True:
            await sub.queue.get()

    async def begin(self, turn_id: str, flush: bool) -> None:
        if turn_id not in self._turns:
            await self._pool.execute("INSERT INTO turns (id) VALUES ($1)", turn_id)
            self._turns[turn_id] = Turn(flush_on_end=flush)

    async def end(self, turn_id: str) -> None:
        if turn_id in self._turns:
            if self._turns[turn_id].flush_on_end:
                await self._pool.execute("UPDATE turns SET done = true WHERE id = $1", turn_id)
            del self._turns[turn_id]

    async def profile(self, name: str) -> dict:
        cached = self._profiles.get(name)
        if cached is None:
            cached = dict(await self._pool.fetchrow("SELECT * FROM profiles WHERE name = $1", name))
            self._profiles[name] = cached
        return cached

    async def rename(self, name: str, title: str) -> None:
        await self._pool.execute("UPDATE profiles SET title = $2 WHERE name = $1", name, title)
        self._profiles.pop(name, None)

    async def badge(self, name: str) -> dict:
        cached = self._badges.get(name)
        if cached is None:
            cached = dict(await self._pool.fetchrow("SELECT * FROM badges WHERE name = $1", name))
            self._badges[name] = cached
        return cached

    async def revoke_badge(self, name: str) -> dict | None:
        await self._pool.execute("DELETE FROM badges WHERE name = $1", name)
        return self._badges.pop(name, None)

    async def grant(self, name: str) -> Grant:
        cached = self._grants.get(name)
        if cached is None:
            row = await self._pool.fetchrow("SELECT scope, expires FROM grants WHERE name = $1", name)
            cached = Grant(row["scope"], row["expires"])
            self._grants[name] = cached
        return cached

    async def touch_grant(self, name: str, now: float) -> None:
        await self._pool.execute("UPDATE grants SET seen = $2 WHERE name = $1", name, now)
        if self._grants[name].expires < now:
            del self._grants[name]
