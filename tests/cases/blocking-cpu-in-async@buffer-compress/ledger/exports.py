"""Statement exports: whole result sets written into memory, then compressed."""
import asyncio
import bz2
import csv
import gzip
import io
import json

import asyncpg


class StatementExporter:
    def __init__(self, db: asyncpg.Pool) -> None:
        self._db = db

    async def monthly_csv(self, account_id: int) -> bytes:
        buffer = io.StringIO()
        out = csv.DictWriter(buffer, fieldnames=["id", "amount", "booked_at"])
        out.writeheader()
        async with self._db.acquire(timeout=5) as conn:
            async for row in conn.cursor("SELECT id, amount, booked_at FROM entries WHERE account_id = $1", account_id):
                out.writerow(dict(row))
        return gzip.compress(buffer.getvalue().encode(), compresslevel=9)  # expect: blocking-cpu-in-async

    async def audit_log(self, account_id: int) -> bytes:
        async with self._db.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT * FROM audit WHERE account_id = $1", account_id)
        blob = io.BytesIO()
        for row in rows:
            blob.write(json.dumps(dict(row), default=str).encode() + b"\n")
        return bz2.compress(blob.getvalue())  # expect: blocking-cpu-in-async

    async def summary(self, account_id: int) -> bytes:
        async with self._db.acquire(timeout=5) as conn:
            total = await conn.fetchval("SELECT sum(amount) FROM entries WHERE account_id = $1", account_id)
        buffer = io.StringIO()
        buffer.write(f"account,total\n{account_id},{total}\n")
        return gzip.compress(buffer.getvalue().encode())

    async def yearly_csv(self, account_id: int) -> bytes:
        async with self._db.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT id, amount FROM entries WHERE account_id = $1", account_id)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([row["id"], row["amount"]])
        return await asyncio.to_thread(gzip.compress, buffer.getvalue().encode(), 9)
