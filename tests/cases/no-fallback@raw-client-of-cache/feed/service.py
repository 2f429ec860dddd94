"""The home feed: trending items come from Redis lists."""
from fastapi import APIRouter
from redis.exceptions import RedisError

from .cache import Ledger, SoftCache

router = APIRouter()


class FeedService:
    def __init__(self, cache: SoftCache, ledger: Ledger) -> None:
        self.cache = cache
        self.ledger = ledger

    async def trending(self, region: str) -> list[int]:
        raw = await self.cache.redis.lrange(f"trending:{region}", 0, 49)  # expect: no-fallback
        return [int(value) for value in raw]

    async def trending_or_nothing(self, region: str) -> list[int]:
        try:
            raw = await self.cache.redis.lrange(f"trending:{region}", 0, 49)
        except RedisError:
            return []
        return [int(value) for value in raw]

    async def recent_spend(self, account: str) -> list[int]:
        raw = await self.ledger.redis.lrange(f"spend:{account}", 0, 9)
        return [int(value) for value in raw]


service = FeedService(SoftCache(None), Ledger(None))


@router.get("/feed/{region}")
async def feed(region: str) -> dict:
    return {"trending": await service.trending(region), "also": await service.trending_or_nothing(region),
            "spend": await service.recent_spend("me")}
