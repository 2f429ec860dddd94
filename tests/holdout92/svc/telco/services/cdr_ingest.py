from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from telco.repositories.usage import CdrRow, UsageRepository
from telco.services.cdr_parsing import dedupe, parse_cdr_batch
from telco.services.rating import RatingService

logger = logging.getLogger(__name__)

CHUNK = 200


def chunks(records: list[CdrRow], size: int) -> list[list[CdrRow]]:
    return [records[i:i + size] for i in range(0, len(records), size)]


class CdrIngestService:
    def __init__(self, usage: UsageRepository, rating: RatingService) -> None:
        self._usage = usage
        self._rating = rating

    async def ingest_file(self, path: Path) -> int:
        raw = await asyncio.to_thread(path.read_bytes)
        records = parse_cdr_batch(raw)
        records = dedupe(records)
        await self._usage.insert_batch(records)
        results = await asyncio.gather(*(self._rating.rate_batch(chunk) for chunk in chunks(records, CHUNK)))
        logger.info("ingested %s: %d records, %d rated", path.name, len(records), sum(results))
        return len(records)

    async def ingest_upload(self, raw: bytes) -> int:
        records = await asyncio.to_thread(parse_cdr_batch, raw)
        await self._usage.insert_batch(records)
        rated = 0
        for chunk in chunks(records, CHUNK):
            rated += await self._rating.rate_known(chunk)
        return rated
