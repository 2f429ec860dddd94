"""Task boards kept in redis as one JSON document per board."""
from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis


def board_key(board_id: int) -> str:
    return f"board:{board_id}"


class BoardStore:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def load(self, board_id: int) -> dict[str, Any]:
        raw = await self._redis.get(board_key(board_id))
        return json.loads(raw) if raw else {"cards": [], "title": ""}

    async def add_card(self, board_id: int, text: str) -> dict[str, Any]:
        board = await self.load(board_id)  # expect: race-condition
        board["cards"].append({"text": text})
        await self._redis.set(board_key(board_id), json.dumps(board))
        return board

    async def reset(self, board_id: int, title: str) -> dict[str, Any]:
        """Overwrites with a fresh document: nothing read is written back."""
        current = await self.load(board_id)
        fresh = {"cards": [], "title": title or current["title"]}
        await self._redis.set(board_key(board_id), json.dumps(fresh))
        return fresh

    async def rename(self, board_id: int, title: str) -> dict[str, Any]:
        """Optimistic transaction: retried when another writer touched the key."""
        key = board_key(board_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    board = json.loads(raw) if raw else {"cards": [], "title": ""}
                    board["title"] = title
                    pipe.multi()
                    pipe.set(key, json.dumps(board))
                    await pipe.execute()
                    return board
                except redis.WatchError:
                    continue
