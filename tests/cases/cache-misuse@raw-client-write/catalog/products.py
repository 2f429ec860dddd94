"""Product pages, read through the cache."""
import json

from .cache import JsonCache


class ProductPages:
    def __init__(self, cache: JsonCache, repo) -> None:
        self.cache = cache
        self.repo = repo

    async def page(self, product_id: int) -> dict:
        key = f"product:{product_id}"
        cached = await self.cache.get_json(key)
        if cached is not None:
            return cached
        page = await self.repo.load_page(product_id)
        await self.cache.redis.set(key, json.dumps(page))  # expect: cache-misuse
        return page

    async def summary(self, product_id: int) -> dict:
        key = f"product-summary:{product_id}"
        cached = await self.cache.get_json(key)
        if cached is not None:
            return cached
        summary = await self.repo.load_summary(product_id)
        await self.cache.redis.set(key, json.dumps(summary), ex=600)
        return summary

    async def reviews(self, product_id: int) -> dict:
        key = f"product-reviews:{product_id}"
        cached = await self.cache.get_json(key)
        if cached is not None:
            return cached
        reviews = await self.repo.load_reviews(product_id)
        await self.cache.redis.set(key, json.dumps(reviews))
        await self.cache.redis.expire(key, 120)
        return reviews
