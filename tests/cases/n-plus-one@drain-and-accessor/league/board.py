"""Leaderboard rendering and end-of-round notifications."""
from __future__ import annotations

import asyncio

from .notify import Pusher
from .repo import PlayerRepo


class Board:
    def __init__(self, players: PlayerRepo, pusher: Pusher) -> None:
        self._players = players
        self._pusher = pusher

    async def render(self, ranked: list[int]) -> list[str]:
        lines = []
        for player_id in ranked:
            name = await self._players.name_of(player_id)  # expect: n-plus-one
            lines.append(name or "?")
        return lines

    async def render_batched(self, ranked: list[int]) -> list[str]:
        names = await self._players.names_of(ranked)
        return [names.get(player_id, "?") for player_id in ranked]

    async def notify_winners(self, winners: list[int]) -> None:
        pending = list(winners)
        while pending:
            player_id = pending.pop()
            await self._pusher.send(player_id, "You won")  # expect: n-plus-one

    async def notify_batched(self, winners: list[int]) -> None:
        await self._pusher.send_many(winners, "You won")

    async def keepalive(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self._pusher.ping()
            await asyncio.sleep(30)

    async def heartbeat(self, peers: list[int]) -> None:
        for _ in peers:
            await self._pusher.ping()
