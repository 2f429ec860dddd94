from __future__ import annotations

import uuid

from seqcore.infra.cache import JsonCache
from seqcore.repositories.samples import SampleRepository
from seqcore.schemas import SampleOut

LIST_TTL_S = 120


class SampleQueryService:
    def __init__(self, samples: SampleRepository, cache: JsonCache) -> None:
        self._samples = samples
        self._cache = cache

    async def list_samples(self, lab_id: uuid.UUID, status: str | None) -> list[dict]:
        key = self._cache.key("samples", status or "all")

        async def load() -> list[dict]:
            rows = await self._samples.list_for_lab(lab_id, status)
            return [SampleOut.model_validate(r, from_attributes=True).model_dump(mode="json") for r in rows]

        return await self._cache.get_or_load(key, LIST_TTL_S, load)

    async def search(self, lab_id: uuid.UUID, text: str) -> list[dict]:
        rows = await self._samples.search_by_name(lab_id, text)
        return [SampleOut.model_validate(r, from_attributes=True).model_dump(mode="json") for r in rows]

    async def pool_members(self, pool_id: uuid.UUID) -> list[dict]:
        key = self._cache.key("pool", pool_id, "members")
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        rows = await self._samples.list_by_pool(pool_id)
        members = [SampleOut.model_validate(r, from_attributes=True).model_dump(mode="json") for r in rows]
        await self._cache.set(key, members, ttl_s=60)
        return members
