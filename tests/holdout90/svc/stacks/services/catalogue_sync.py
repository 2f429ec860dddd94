"""Nightly catalogue sync from the union-catalogue MARC feed."""
from __future__ import annotations

import asyncio
import copy
import logging
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

from stacks.clients.union_catalogue import UnionCatalogueClient
from stacks.repositories.catalogue import CatalogueRepository
from stacks.services.marc import MarcRecord, parse_marc_batch, to_title_row

log = logging.getLogger(__name__)

UPSERT_CHUNK = 500


class CatalogueSyncService:
    def __init__(self, client: UnionCatalogueClient, catalogue: CatalogueRepository) -> None:
        self._client = client
        self._catalogue = catalogue
        self._marc_cache: dict[str, MarcRecord] = {}

    async def run_delta(self, since: date | None = None) -> int:
        since = since or date.today() - timedelta(days=1)
        blob = await self._client.fetch_delta(since)
        records = parse_marc_batch(blob)
        return await self._store(records)

    async def run_delta_offloaded(self, pool: ProcessPoolExecutor, since: date) -> int:
        blob = await self._client.fetch_delta(since)
        loop = asyncio.get_running_loop()
        records = await loop.run_in_executor(pool, parse_marc_batch, blob)
        return await self._store(records)

    async def _store(self, records: list[MarcRecord]) -> int:
        snapshot = copy.deepcopy(records)
        rows = []
        for record in snapshot:
            self._marc_cache[record.control_number] = record
            rows.append(to_title_row(record))
        for start in range(0, len(rows), UPSERT_CHUNK):
            await self._catalogue.upsert_titles(rows[start : start + UPSERT_CHUNK])
        log.info("catalogue sync stored %d records", len(rows))
        return len(rows)

    async def apply_deletions(self, since: date) -> int:
        control_numbers = await self._client.fetch_deleted(since)
        if not control_numbers:
            return 0
        return await self._catalogue.delete_by_control_numbers(control_numbers)

    def cached_record(self, control_number: str) -> MarcRecord | None:
        return self._marc_cache.get(control_number)
