from typing import Iterable

import asyncpg


class StateRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_states(self, ids: Iterable[int]) -> dict[int, asyncpg.Record]:
        rows = await self._pool.fetch("SELECT * FROM monitor_state WHERE monitor_id = ANY($1::int[])", list(ids))
        return {row["monitor_id"]: row for row in rows}

    async def write_states(self, rows: list[tuple[int, str, int]]) -> None:
        await self._pool.executemany(
            "UPDATE monitor_state SET status = $2, failures = $3 WHERE monitor_id = $1",
            rows,
        )

    async def add_failures(self, rows: list[tuple[int, int]]) -> None:
        await self._pool.executemany(
            "UPDATE monitor_state SET failures = failures + $2 WHERE monitor_id = $1",
            rows,
        )
