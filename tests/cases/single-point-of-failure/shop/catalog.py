"""Product pages, cached in Redis; a Redis outage only costs a database read."""
import json
import logging
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

from shop.repository import ProductRepository
from shop.settings import CACHE_REDIS_URL, CATALOG_TTL_SECONDS

logger = logging.getLogger(__name__)
cache = redis.from_url(CACHE_REDIS_URL, socket_timeout=0.5)


async def product_page(repo: ProductRepository, product_id: int) -> dict[str, Any] | None:
    key = f"product:{product_id}"
    try:
        cached = await cache.get(key)
    except RedisError:
        logger.warning("catalog cache unavailable, reading %s from the database", key)
        cached = None
    if cached:
        return json.loads(cached)
    product = await repo.get(product_id)
    if product is not None:
        try:
            await cache.set(key, json.dumps(product), ex=CATALOG_TTL_SECONDS)
        except RedisError:
            logger.warning("could not cache %s", key)
    return product
