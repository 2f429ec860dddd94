from __future__ import annotations

from datetime import date, datetime

import asyncpg


class TelemetryStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_positions(self, rows: list[tuple]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.executemany(
                "INSERT INTO equipment_positions (equipment_id, kind, lat, lon, speed_kmh, spreader_load_kg, recorded_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                rows,
            )

    async def trail(self, equipment_id: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            sql = "SELECT lat, lon, speed_kmh, recorded_at FROM equipment_positions WHERE equipment_id = $1 AND recorded_at BETWEEN $2 AND $3 ORDER BY recorded_at"
            return await conn.fetch(sql, equipment_id, start, end)

    async def positions_since(self, since: datetime, limit: int = 5000) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            sql = "SELECT equipment_id, lat, lon, recorded_at FROM equipment_positions WHERE recorded_at >= $1 ORDER BY recorded_at LIMIT $2"
            return await conn.fetch(sql, since, limit)

    async def add_crane_moves(self, crane_id: str, shift: date, moves: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO crane_counters (crane_id, shift_date, moves) VALUES ($1, $2, $3) "
                "ON CONFLICT (crane_id) DO UPDATE SET moves = crane_counters.moves + EXCLUDED.moves, "
                "shift_date = EXCLUDED.shift_date",
                crane_id, shift, moves,
            )
