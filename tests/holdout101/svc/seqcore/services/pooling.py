from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import Library, Pool
from seqcore.errors import Conflict
from seqcore.infra.locks import KeyedLocks
from seqcore.repositories.libraries import LibraryRepository
from seqcore.repositories.samples import SampleRepository

if TYPE_CHECKING:
    from seqcore.services.runs import RunService

logger = logging.getLogger(__name__)

MIN_LIBRARY_NM = 0.5
TARGET_POOL_NM = 2.0
PER_LIBRARY_UL = 5.0
MAX_POOL_VOLUME_UL = 1500.0


def equimolar_volumes(libraries: list[Library]) -> dict[uuid.UUID, float]:
    return {
        lib.id: round(TARGET_POOL_NM * PER_LIBRARY_UL / lib.concentration_nm, 2)
        for lib in libraries
        if lib.concentration_nm
    }


class PoolingService:
    def __init__(self, session: AsyncSession, libraries: LibraryRepository, samples: SampleRepository,
                 locks: KeyedLocks, runs: RunService) -> None:
        self._session = session
        self._libraries = libraries
        self._samples = samples
        self._locks = locks
        self._runs = runs

    async def build_pool(self, library_ids: list[uuid.UUID]) -> Pool:
        libraries: list[Library] = []
        for library_id in library_ids:
            libraries.append(await self._libraries.get(library_id))
        weak = [lib.id for lib in libraries if (lib.concentration_nm or 0) < MIN_LIBRARY_NM]
        if weak:
            raise Conflict("libraries below minimum concentration", detail={"libraries": [str(w) for w in weak]})
        volumes = equimolar_volumes(libraries)
        total = sum(volumes.values())
        if total > MAX_POOL_VOLUME_UL:
            raise Conflict(f"pool would need {total:.0f} uL")
        pool = await self._libraries.create_pool()
        pool.volume_ul = total
        await self._libraries.attach_libraries(pool.id, libraries)
        logger.info("pool %s built from %d libraries (%.1f uL)", pool.id, len(libraries), total)
        return pool

    async def add_samples(self, pool_id: uuid.UUID, sample_ids: list[uuid.UUID]) -> int:
        samples = await self._samples.get_many(sample_ids)
        unpooled = [s.id for s in samples if s.pool_id is None]
        await self._samples.assign_pool(unpooled, pool_id)
        return len(unpooled)

    async def top_up(self, pool_id: uuid.UUID, added_ul: float) -> Pool:
        pool = await self._libraries.lock_pool(pool_id)
        if pool.volume_ul + added_ul > MAX_POOL_VOLUME_UL:
            raise Conflict("pool volume limit exceeded")
        pool.volume_ul += added_ul
        await self._session.flush()
        return pool

    async def merge_pools(self, a: uuid.UUID, b: uuid.UUID) -> Pool:
        first, second = sorted([str(a), str(b)])
        async with self._locks.hold(f"pool:{first}"):
            async with self._locks.hold(f"pool:{second}"):
                keep = await self._libraries.lock_pool(uuid.UUID(first))
                gone = await self._libraries.lock_pool(uuid.UUID(second))
                keep.volume_ul += gone.volume_ul
                gone.status = "merged"
                members = await self._samples.list_by_pools([gone.id])
                await self._samples.assign_pool([m.id for m in members], keep.id)
                return keep

    async def finalize_pool(self, pool_id: uuid.UUID) -> Pool:
        async with self._locks.hold(f"pool:{pool_id}"):
            pool = await self._libraries.lock_pool(pool_id)
            if pool.status != "open":
                raise Conflict(f"pool {pool_id} is {pool.status}")
            pool.status = "finalized"
            await self._session.flush()
            if pool.run_id is not None:
                await self._runs.refresh_lane_plan(pool.run_id)
            return pool
