"""Partitioning crawl work between worker replicas."""
from __future__ import annotations

import asyncio
import zlib


def shard_for_domain(domain: str, total: int) -> int:
    return hash(domain.lower()) % total  # expect: worker-coordination


def shard_for_product(product_id: int, total: int) -> int:
    return hash(product_id) % total


def stable_shard(domain: str, total: int) -> int:
    return zlib.crc32(domain.lower().encode()) % total


class Stripes:
    """Per-key locks of this process, striped."""

    def __init__(self, size: int = 16) -> None:
        self._locks = [asyncio.Lock() for _ in range(size)]

    def lock_for(self, key: str) -> asyncio.Lock:
        return self._locks[hash(key) % len(self._locks)]

    def index_for(self, key: str) -> int:
        slot = hash(key) % 16
        return len(self._locks[slot]._waiters or ())


async def enqueue(pool, retailer: str, product_id: int, shards: int) -> None:
    shard = hash((retailer, product_id)) % shards  # expect: worker-coordination
    await pool.execute("INSERT INTO crawl_jobs (product_id, shard) VALUES ($1, $2)", product_id, shard)
