"""Order use cases that leave an audit trail."""
from __future__ import annotations

import asyncio

from app.services import audit
from app.services.audit import Exporter


class OrderService:
    def __init__(self, conn, exporter: Exporter) -> None:
        self.conn = conn
        self.exporter = exporter
        self.pending: list = []

    async def close(self) -> None:
        await self.conn.close()

    async def place(self, user_id: int) -> None:
        audit.record(self.conn, user_id, "order.placed")  # expect: unawaited-coroutine
        await audit.record(self.conn, user_id, "order.checked")

    async def cancel(self, user_id: int) -> None:
        pending = audit.record(self.conn, user_id, "order.cancelled")
        await self.conn.execute("UPDATE orders SET status = 'cancelled'")
        await pending

    async def bulk(self, user_ids: list[int]) -> None:
        tasks = []
        for user_id in user_ids:
            tasks.append(audit.record(self.conn, user_id, "order.bulk"))
        await asyncio.gather(*tasks)

    async def background(self, user_id: int) -> None:
        task = asyncio.create_task(audit.record(self.conn, user_id, "order.background"))
        self.pending.append(task)

    def record_later(self, user_id: int):
        return audit.record(self.conn, user_id, "order.later")

    async def history(self) -> list:
        out = []
        for row in audit.fetch_rows(self.conn):  # expect: unawaited-coroutine
            out.append(row)
        async for row in audit.stream_rows(self.conn):
            out.append(row)
        for row in await audit.fetch_rows(self.conn):
            out.append(row)
        return out

    async def first(self) -> dict:
        return await anext(audit.fetch_rows(self.conn))  # expect: unawaited-coroutine

    async def first_streamed(self) -> dict:
        return await anext(audit.stream_rows(self.conn))

    async def counts(self) -> dict:
        rows = await audit.fetch_rows(self.conn)
        return await audit.summary(rows)  # expect: unawaited-coroutine

    async def flush(self, loop) -> None:
        await audit.schedule_flush(loop, self.conn)

    async def export(self, rows: list) -> str:
        return await self.exporter.export(rows)

    def shutdown(self) -> None:
        self.close()  # expect: unawaited-coroutine

    async def warm_up(self) -> None:
        audit.warm(self.conn)
