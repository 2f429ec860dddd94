from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status

from ..container import Container
from ..deps import get_container, require_gateway_node
from ..schemas import IngestBatch

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


@router.post("/batches", status_code=status.HTTP_202_ACCEPTED)
async def push_batch(
    batch: IngestBatch,
    node_id: str = Depends(require_gateway_node),
    container: Container = Depends(get_container),
) -> dict:
    if container.metering.already_ingested(batch.batch_id):
        return {"batch_id": batch.batch_id, "accepted": 0, "duplicate": True}
    try:
        accepted = await container.metering.ingest(batch.events, source=f"push:{node_id}")
    except Exception as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "batch rejected") from exc
    return {"batch_id": batch.batch_id, "accepted": accepted, "duplicate": False}
