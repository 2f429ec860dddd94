from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from arenaplay.db.models import Player
from arenaplay.repositories.base import OrmRepository


class PlayerRepository(OrmRepository[Player]):
    model = Player

    async def get_by_id(self, player_id: int) -> Player | None:
        return await self.session.get(Player, player_id)

    async def get_by_username(self, username: str) -> Player | None:
        result = await self.session.execute(select(Player).where(Player.username == username))
        return result.scalar_one_or_none()

    async def get_by_steam_id(self, steam_id: str) -> Player | None:
        result = await self.session.execute(select(Player).where(Player.steam_id == steam_id))
        return result.scalar_one_or_none()

    async def get_many(self, ids: Sequence[int]) -> dict[int, Player]:
        if not ids:
            return {}
        result = await self.session.execute(select(Player).where(Player.id.in_(list(ids))))
        return {p.id: p for p in result.scalars()}

    async def search_prefix(self, prefix: str, limit: int = 20) -> list[Player]:
        stmt = (
            select(Player)
            .where(func.lower(Player.username).like(prefix.lower() + "%"))
            .order_by(Player.username)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def search_anywhere(self, fragment: str, limit: int = 20) -> list[Player]:
        stmt = select(Player).where(Player.username.ilike(f"%{fragment}%")).order_by(Player.username).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def create(self, username: str, email: str, password_hash: str | None, region: str,
                     steam_id: str | None = None) -> Player:
        player = Player(username=username, email=email, password_hash=password_hash, region=region, steam_id=steam_id)
        return await self.add(player)

    async def set_avatar(self, player_id: int, url: str) -> None:
        player = await self.get_by_id(player_id)
        if player is not None:
            player.avatar_url = url
            await self.session.commit()
