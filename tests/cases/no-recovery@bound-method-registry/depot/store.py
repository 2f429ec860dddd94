from __future__ import annotations

import asyncpg

_pool: asyncpg.Pool | None = None


async def record_event(text: str) -> None:
    assert _pool is not None
    await _pool.execute("INSERT INTO events (body) VALUES ($1)", text)


async def save_entries(entries: list) -> None:
    assert _pool is not None
    await _pool.executemany("INSERT INTO ledger (id, amount) VALUES ($1, $2)", [(e["id"], e["amount"]) for e in entries])


async def compact() -> None:
    assert _pool is not None
    rows = await _pool.fetch("SELECT id, body FROM events WHERE compacted = false LIMIT 100")
    if any(not r["body"] for r in rows):
        raise ValueError("empty event body")
    await _pool.execute("UPDATE events SET compacted = true WHERE id = ANY($1)", [r["id"] for r in rows])
