"""A cache of parsed entities in front of a redis wrapper, and a local index of pending loads."""
import json


class RedisStore:
    def __init__(self, client) -> None:
        self.client = client

    async def get_object(self, key: str) -> dict | None:
        raw = await self.client.get(key)
        return json.loads(raw) if raw else None

    async def pop(self, key: str) -> None:
        await self.client.delete(key)


class EntityCache:
    def __init__(self, store: RedisStore | None, loader) -> None:
        self.store = store
        self.loader = loader
        self._loaded: dict[str, dict] = {}

    async def get(self, key: str) -> dict | None:
        if not self.store:
            return None
        data = await self.store.get_object(key)
        if data and "id" not in data:
            await self.store.pop(key)  # a stale entry: the store's delete, awaited
            return None
        return data

    async def warm(self, key: str) -> dict:
        if key not in self._loaded:  # expect: race-condition
            entity = await self.loader(key)
            self._loaded.setdefault(key, entity)
            self._loaded.pop("__stale__", None)
        return self._loaded[key]
