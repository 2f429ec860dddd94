"""Leaderboard snapshots written to the database."""
from __future__ import annotations

import copy
from typing import Any


async def snapshot(redis: Any, pool: Any, board: str) -> int:
    entries = await redis.zrevrange(board, 0, 99, withscores=True)
    frozen = copy.deepcopy(entries)  # expect: unnecessary-copy
    rows = [(board, rank, str(member), float(score)) for rank, (member, score) in enumerate(frozen, start=1)]
    async with pool.acquire() as conn:
        await conn.executemany("INSERT INTO snapshots VALUES ($1, $2, $3, $4)", rows)
    return len(rows)


async def ranked(redis: Any, board: str) -> list[Any]:
    entries = await redis.zrevrange(board, 0, 99, withscores=True)
    frozen = copy.deepcopy(entries)
    for rank, item in enumerate(frozen):
        item.append(rank)  # changed in place: the copy keeps the reply as it came
    return frozen
