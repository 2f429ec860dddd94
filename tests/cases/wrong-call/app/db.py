"""Data access."""
from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel


def retry(times: int):
    def wrap(func):
        @functools.wraps(func)
        async def inner(*args, **kwargs):
            return await func(*args, **kwargs)
        return inner
    return wrap


class Base:
    async def ping(self) -> bool:
        return True


class Database(Base):
    def __init__(self, pool, *, timeout: float = 5.0) -> None:
        self.pool = pool
        self.timeout = timeout
        self.on_slow_query = None

    async def get_user(self, user_id: int) -> dict | None:
        return await self.pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)

    async def list_orders(self, user_id: int, *, limit: int = 50) -> list:
        return await self.pool.fetch("SELECT * FROM orders WHERE user_id = $1 LIMIT $2", user_id, limit)

    async def save(self, order: dict, **options: Any) -> None:
        await self.pool.execute("INSERT INTO orders VALUES ($1)", order)

    @retry(times=3)
    async def fetch_report(self, report_id: int) -> dict:
        return await self.pool.fetchrow("SELECT * FROM reports WHERE id = $1", report_id)

    @staticmethod
    def table(name: str) -> str:
        return f"public.{name}"

    @classmethod
    def connect(cls, pool) -> "Database":
        return cls(pool)


class ReadReplica(Database):
    async def list_orders(self, user_id: int, *, limit: int = 50, stale_ok: bool = True) -> list:
        return await super().list_orders(user_id, limit=limit)


class Cache:
    async def get(self, key: str) -> Any:
        return None


class Proxy:
    def __init__(self, target) -> None:
        self._target = target

    def __getattr__(self, name: str):
        return getattr(self._target, name)


class UserModel(BaseModel):
    id: int
    name: str


def compute_fee(amount: float, rate: float) -> float:
    return amount * rate


class Replica:
    def __init__(self, pool) -> None:
        self.pool = pool

    @classmethod
    def for_region(cls, pool, region: str) -> "Replica":
        return cls(pool, region)


class RegionalReplica(Replica):
    def __init__(self, pool, region: str) -> None:
        super().__init__(pool)
        self.region = region


class Listener:
    """Callbacks are attached by whoever subscribes (see services.orders.subscribe)."""

    def fire(self, message: str) -> None:
        self.on_message(message)
