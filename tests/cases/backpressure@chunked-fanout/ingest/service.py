"""Usage records rated in chunks."""
from __future__ import annotations

import asyncio
from typing import cast

import httpx

CHUNK = 500


def chunks(records: list[dict], size: int) -> list[list[dict]]:
    return [records[i:i + size] for i in range(0, len(records), size)]


def first_two(records: list[dict], size: int) -> list[list[dict]]:
    return [records[:size], records[size:2 * size]]


async def rate_batch(client: httpx.AsyncClient, batch: list[dict]) -> int:
    response = await client.post("/rate", json=batch)
    return int(response.json()["rated"])


async def ingest(client: httpx.AsyncClient, records: list[dict]) -> int:
    results = await asyncio.gather(*(rate_batch(client, c) for c in chunks(records, CHUNK)))  # expect: backpressure
    return sum(results)


async def ingest_in_turn(client: httpx.AsyncClient, records: list[dict]) -> int:
    rated = 0
    for chunk in chunks(records, CHUNK):
        rated += await rate_batch(client, chunk)
    return rated


async def ingest_head(client: httpx.AsyncClient, records: list[dict]) -> int:
    results = await asyncio.gather(*(rate_batch(client, c) for c in first_two(records, CHUNK)))
    return sum(results)


async def rate_one(client: httpx.AsyncClient, record: dict) -> int:
    response = await client.post("/rate-one", json=record)
    return int(response.json()["rated"])


async def ingest_chunk_by_chunk(client: httpx.AsyncClient, records: list[dict]) -> int:
    rated = 0
    for chunk in chunks(records, CHUNK):
        batch = cast(list[dict], chunk)
        rated += sum(await asyncio.gather(*(rate_one(client, r) for r in batch)))
    return rated


async def ingest_all_cast(client: httpx.AsyncClient, records: object) -> int:
    every = cast(list[dict], records)
    return sum(await asyncio.gather(*(rate_one(client, r) for r in every)))  # expect: backpressure
