"""Players, friendships and ratings."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError

from svc.db.models import Friendship, Player, PlayerRating
from svc.db.repositories.base import BaseRepository
from svc.errors import ConflictError


class PlayerRepository(BaseRepository[Player]):
    model = Player

    async def get_many(self, ids: Sequence[int]) -> dict[int, Player]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(Player).where(Player.id.in_(list(ids))))
        return {player.id: player for player in rows}

    async def by_username(self, username: str) -> Player | None:
        stmt = select(Player).where(func.lower(Player.username) == username.lower())
        return await self.session.scalar(stmt)

    async def search(self, query: str, limit: int = 20) -> list[Player]:
        stmt = (
            select(Player)
            .where(Player.display_name.ilike(f"%{query}%"), Player.banned.is_(False))
            .order_by(Player.display_name)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def create(self, **fields: object) -> Player:
        player = Player(**fields)
        self.session.add(player)
        try:
            await self.session.flush()
        except IntegrityError as exc:
            await self.session.rollback()
            raise ConflictError("username or email already registered") from exc
        return player

    async def touch_last_seen(self, player_ids: Sequence[int], seen_at: datetime) -> None:
        if not player_ids:
            return
        await self.session.execute(
            update(Player).where(Player.id.in_(list(player_ids))).values(last_seen_at=seen_at)
        )

    async def list_friends(self, player_id: int) -> list[Friendship]:
        stmt = select(Friendship).where(Friendship.player_id == player_id)
        return list(await self.session.scalars(stmt))


class RatingRepository(BaseRepository[PlayerRating]):
    model = PlayerRating

    async def get_for_mode(self, player_id: int, mode: str) -> PlayerRating | None:
        return await self.session.get(PlayerRating, (player_id, mode))

    async def for_players(self, player_ids: Sequence[int], mode: str) -> dict[int, PlayerRating]:
        if not player_ids:
            return {}
        stmt = select(PlayerRating).where(
            PlayerRating.player_id.in_(list(player_ids)), PlayerRating.mode == mode
        )
        return {r.player_id: r for r in await self.session.scalars(stmt)}

    async def upsert_many(self, mode: str, ratings: dict[int, tuple[int, float]]) -> None:
        """Write new (mmr, deviation) for several players in one statement."""
        if not ratings:
            return
        rows = [
            {"player_id": pid, "mode": mode, "mmr": mmr, "deviation": dev, "games_played": 1}
            for pid, (mmr, dev) in ratings.items()
        ]
        stmt = insert(PlayerRating).values(rows)
        stmt = stmt.on_conflict_do_update(
            index_elements=[PlayerRating.player_id, PlayerRating.mode],
            set_={
                "mmr": stmt.excluded.mmr,
                "deviation": stmt.excluded.deviation,
                "games_played": PlayerRating.games_played + 1,
                "updated_at": func.now(),
            },
        )
        await self.session.execute(stmt)
