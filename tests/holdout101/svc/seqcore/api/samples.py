from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from seqcore.api.auth import Principal, require_principal, require_staff
from seqcore.api.deps import pooling_service, sample_query_service
from seqcore.services.barcodes import BarcodeService
from seqcore.services.pooling import PoolingService
from seqcore.services.samples import SampleQueryService

router = APIRouter(tags=["samples"])


class PoolIn(BaseModel):
    library_ids: list[uuid.UUID]


class PoolSamplesIn(BaseModel):
    sample_ids: list[uuid.UUID]


class MergeIn(BaseModel):
    keep: uuid.UUID
    other: uuid.UUID


@router.get("/samples")
async def list_samples(status: str | None = None, principal: Principal = Depends(require_principal),
                       service: SampleQueryService = Depends(sample_query_service)) -> list[dict]:
    return await service.list_samples(principal.lab_id, status)


@router.get("/samples/search")
async def search_samples(q: str = Query(min_length=2, max_length=60), principal: Principal = Depends(require_principal),
                         service: SampleQueryService = Depends(sample_query_service)) -> list[dict]:
    return await service.search(principal.lab_id, q)


@router.get("/pools/{pool_id}/index-suggestions")
async def index_suggestions(pool_id: uuid.UUID, length: int = Query(8, ge=6, le=10), count: int = Query(24, le=96),
                            _: Principal = Depends(require_staff),
                            service: SampleQueryService = Depends(sample_query_service)) -> dict:
    members = await service.pool_members(pool_id)
    existing = [m["index_i7"] for m in members]
    return {"pool_id": str(pool_id), "indexes": BarcodeService().suggest(existing, length=length, count=count)}


@router.post("/pools", status_code=201)
async def create_pool(body: PoolIn, _: Principal = Depends(require_staff),
                      service: PoolingService = Depends(pooling_service)) -> dict:
    pool = await service.build_pool(body.library_ids)
    return {"id": str(pool.id), "volume_ul": pool.volume_ul}


@router.post("/pools/{pool_id}/samples")
async def add_pool_samples(pool_id: uuid.UUID, body: PoolSamplesIn, _: Principal = Depends(require_staff),
                           service: PoolingService = Depends(pooling_service)) -> dict:
    return {"added": await service.add_samples(pool_id, body.sample_ids)}


@router.post("/pools/{pool_id}/finalize")
async def finalize_pool(pool_id: uuid.UUID, _: Principal = Depends(require_staff),
                        service: PoolingService = Depends(pooling_service)) -> dict:
    pool = await service.finalize_pool(pool_id)
    return {"id": str(pool.id), "status": pool.status}


@router.post("/pools/merge")
async def merge_pools(body: MergeIn, _: Principal = Depends(require_staff),
                      service: PoolingService = Depends(pooling_service)) -> dict:
    pool = await service.merge_pools(body.keep, body.other)
    return {"id": str(pool.id), "volume_ul": pool.volume_ul}
