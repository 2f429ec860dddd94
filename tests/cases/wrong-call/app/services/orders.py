"""Order use cases."""
from __future__ import annotations

from app import db as db_module
from app.db import Cache, Database, Proxy, UserModel, compute_fee


class OrderService:
    def __init__(self, db: Database, cache: Cache, proxy: Proxy, store: Database | Cache) -> None:
        self.db = db
        self.cache = cache
        self.proxy = proxy
        self.store = store

    async def user(self, user_id: int) -> dict | None:
        return await self.db.get_user_by_id(user_id)  # expect: wrong-call

    async def recent(self, user_id: int) -> list:
        return await self.db.list_orders(user_id, 10)  # expect: wrong-call

    async def recent_ok(self, user_id: int) -> list:
        return await self.db.list_orders(user_id, limit=10)

    async def user_verbose(self, user_id: int) -> dict | None:
        return await self.db.get_user(user_id=user_id, verbose=True)  # expect: wrong-call

    async def save(self, order: dict) -> None:
        await self.db.save(order, retries=3)

    async def save_missing(self) -> None:
        await self.db.save()  # expect: wrong-call

    async def forward(self, *args) -> dict | None:
        return await self.db.get_user(*args)

    async def alive(self) -> bool:
        return await self.db.ping()

    async def report(self, report_id: int) -> dict:
        return await self.db.fetch_report(report_id, "extra")  # expect: wrong-call

    async def anything(self) -> None:
        await self.proxy.refresh_everything()

    async def lookup(self, key: str):
        return await self.store.get(key)

    def fee(self, amount: float) -> float:
        return compute_fee(amount)  # expect: wrong-call

    def fee_ok(self, amount: float) -> float:
        return db_module.compute_fee(amount, rate=0.01)

    def dump(self, user: UserModel) -> dict:
        return user.model_dump()

    def table(self) -> str:
        return Database.table("orders") + self.db.table("orders")

    def slow(self, sql: str) -> None:
        if self.db.on_slow_query is not None:
            self.db.on_slow_query(sql)


def build(pool) -> OrderService:
    db = Database.connect(pool)
    Database(pool, 3.0)  # expect: wrong-call
    Database(pool, timeout=3.0)
    return OrderService(db, Cache(), Proxy(db))  # expect: wrong-call


async def replica_orders(replica: Database, user_id: int) -> list:
    return await replica.list_orders(user_id, limit=5, stale_ok=False)


async def loop_shadow(items: list, user_id: int) -> None:
    for compute_fee in items:
        compute_fee(user_id)


def subscribe(listener, handler) -> None:
    listener.on_message = handler
