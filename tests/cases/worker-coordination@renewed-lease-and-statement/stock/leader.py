import redis.asyncio as aioredis


async def try_lead(redis: aioredis.Redis, role: str, me: str, ttl: int) -> bool:
    """Claim or renew the leadership of `role`."""
    key = f"leader:{role}"
    if await redis.set(key, me, nx=True, ex=ttl):
        return True
    if await redis.get(key) == me:
        await redis.expire(key, ttl)
        return True
    return False
