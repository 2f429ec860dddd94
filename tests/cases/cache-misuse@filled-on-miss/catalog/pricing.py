import json

from valkey.asyncio import Valkey


class PriceBook:
    def __init__(self, valkey_client: Valkey, source) -> None:
        self.valkey_client = valkey_client
        self.source = source

    async def prices(self, region: str) -> dict:
        key = f"prices:{region}"
        cached = await self.valkey_client.get(key)
        if not cached:
            table = await self.source.fetch_prices(region)
            cached = json.dumps(table)
            await self.valkey_client.set(key, cached)  # expect: cache-misuse
        return json.loads(cached)

    async def bump(self, region: str) -> None:
        # look-alike: a stored counter read and written back is state, not a cache entry
        key = f"price-version:{region}"
        current = await self.valkey_client.get(key)
        await self.valkey_client.set(key, int(current or 0) + 1)
