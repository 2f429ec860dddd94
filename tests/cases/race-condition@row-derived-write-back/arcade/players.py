from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from arcade.models import Player


class PlayerStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def load(self, player_id: int) -> Player | None:
        return await self.session.get(Player, player_id)

    async def put_tokens(self, player_id: int, tokens: int) -> None:
        await self.session.execute(update(Player).where(Player.id == player_id).values(tokens=tokens))

    async def take_tokens(self, player_id: int, cost: int) -> None:
        await self.session.execute(
            update(Player).where(Player.id == player_id, Player.tokens >= cost).values(tokens=Player.tokens - cost))
