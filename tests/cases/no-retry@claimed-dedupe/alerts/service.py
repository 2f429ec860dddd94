import redis.asyncio as redis

from alerts.hooks import ChatHook, PagerHook


class Alerts:
    def __init__(self, client: redis.Redis, chat: ChatHook, pager: PagerHook) -> None:
        self._redis = client
        self._chat = chat
        self._pager = pager

    async def spike(self, tenant: int, day: str, url: str) -> bool:
        if not await self._redis.set(f"alert:spike:{tenant}:{day}", "1", nx=True, ex=86400):
            return False
        await self._chat.post(url, f"spend spike for {tenant} on {day}")
        return True

    async def outage(self, tenant: int, day: str, url: str) -> bool:
        # look-alike: the claim is released when the page fails, so the next sweep pages again
        key = f"alert:outage:{tenant}:{day}"
        if not await self._redis.set(key, "1", nx=True, ex=86400):
            return False
        try:
            await self._pager.page(url, f"outage for {tenant} on {day}")
        except Exception:
            await self._redis.delete(key)
            raise
        return True


async def sweep(alerts: Alerts, tenants: list[int], day: str, url: str) -> int:
    sent = 0
    for tenant in tenants:
        sent += await alerts.spike(tenant, day, url)
        sent += await alerts.outage(tenant, day, url)
    return sent
