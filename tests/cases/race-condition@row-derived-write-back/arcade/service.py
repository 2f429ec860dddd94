import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from arcade.models import Player
from arcade.players import PlayerStore


class Arcade:
    def __init__(self, session: AsyncSession, http: httpx.AsyncClient) -> None:
        self.session = session
        self.http = http
        self.players = PlayerStore(session)

    async def _player(self, player_id: int) -> Player:
        player = await self.players.load(player_id)
        if player is None:
            raise LookupError(player_id)
        return player

    async def reward(self, player_id: int, minutes: int) -> None:
        player = await self._player(player_id)  # expect: race-condition
        bonus = (await self.http.get(f"/bonus/{player.region}")).json()["per_minute"]
        topped_up = min(500, player.tokens + minutes * bonus)
        await self.players.put_tokens(player.id, topped_up)
        await self.session.commit()

    async def spend(self, player_id: int, cost: int) -> None:
        player = await self.session.get(Player, player_id)  # expect: race-condition
        await self.http.post("/audit", json={"player": player_id, "cost": cost})
        remaining = player.tokens - cost
        await self.session.execute(update(Player).where(Player.id == player.id).values(tokens=remaining))
        await self.session.commit()

    async def spend_atomically(self, player_id: int, cost: int) -> None:
        await self.players.take_tokens(player_id, cost)
        await self.session.commit()

    async def level_tokens(self, player_id: int) -> None:
        player = await self._player(player_id)
        await self.http.post("/audit", json={"player": player_id})
        granted = player.level * 10 + 5
        await self.players.put_tokens(player.id, granted)
        await self.session.commit()
