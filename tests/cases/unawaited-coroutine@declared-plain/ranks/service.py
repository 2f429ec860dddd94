"""Season previews that call the tier helpers."""
from redis.asyncio import Redis

from ranks.tiers import deferred_points, points_for, tier_for_rank


class SeasonPreview:
    def __init__(self, redis: Redis, loader) -> None:
        self._redis = redis
        self._loader = loader

    async def preview_tier(self, player_id: int) -> str | None:
        rank = await self._redis.zrevrank("lb:season", str(player_id))
        if rank is None:
            return None
        return await tier_for_rank(rank + 1)  # expect: unawaited-coroutine

    async def preview_points(self, player_id: int) -> int | None:
        tier = await self.preview_tier(player_id)
        if tier is None:
            return None
        points = points_for(tier)
        if points is None:
            return await deferred_points(tier, self._loader)
        return points

    async def eligible(self, ranks: list[int]) -> list[str]:
        return [tier for rank in ranks if (tier := tier_for_rank(rank)) is not None]
