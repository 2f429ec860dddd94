from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from arenaplay.db.models import Rating
from arenaplay.repositories.base import OrmRepository

DEFAULT_MU = 1500.0
DEFAULT_SIGMA = 350.0


class RatingRepository(OrmRepository[Rating]):
    model = Rating

    async def get_rating(self, player_id: int, mode: str) -> Rating | None:
        return await self.session.get(Rating, (player_id, mode))

    async def get_many(self, player_ids: Iterable[int], mode: str) -> dict[int, Rating]:
        ids = list(player_ids)
        stmt = select(Rating).where(Rating.mode == mode, Rating.player_id.in_(ids))
        return {r.player_id: r for r in (await self.session.execute(stmt)).scalars()}

    async def apply_delta(self, player_id: int, mode: str, delta: float, sigma: float) -> None:
        stmt = insert(Rating).values(player_id=player_id, mode=mode, mu=DEFAULT_MU + delta, sigma=sigma, games=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Rating.player_id, Rating.mode],
            set_={"mu": Rating.mu + delta, "sigma": sigma, "games": Rating.games + 1},
        )
        await self.session.execute(stmt)

    async def top(self, mode: str, limit: int = 100) -> list[Rating]:
        stmt = select(Rating).where(Rating.mode == mode).order_by(Rating.mu.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())
