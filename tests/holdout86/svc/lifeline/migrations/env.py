"""Apply the numbered SQL files in order; run with `python -m lifeline.migrations.env`."""
from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from lifeline.settings import get_settings

HERE = Path(__file__).parent


def pending_files(applied: set[str]) -> list[Path]:
    return [p for p in sorted(HERE.glob("*.sql")) if p.name not in applied]


async def migrate() -> None:
    conn = await asyncpg.connect(get_settings().pg_dsn, timeout=10)
    try:
        await conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY)")
        applied = {r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")}
        for path in pending_files(applied):
            sql = await asyncio.to_thread(path.read_text, encoding="utf-8")
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute("INSERT INTO schema_migrations (name) VALUES ($1)", path.name)
            print(f"applied {path.name}")
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(migrate())
