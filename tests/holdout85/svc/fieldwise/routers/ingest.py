from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from pydantic import ValidationError

from fieldwise.auth import token_digest
from fieldwise.deps import services
from fieldwise.logging_setup import get_logger
from fieldwise.schemas.api import ReadingBatch
from fieldwise.services.container import Services
from fieldwise.services.ingestion import IngestionService

log = get_logger(__name__)
router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


async def gateway_auth(x_gateway_id: str = Header(...), x_gateway_key: str = Header(...),
                       deps: Services = Depends(services)) -> str:
    expected = await deps.redis.hget("gateways:keys", x_gateway_id)
    if expected is None or expected != token_digest(x_gateway_key):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown gateway")
    return x_gateway_id


@router.post("/readings", status_code=202)
async def upload_readings(request: Request, gateway_id: str = Depends(gateway_auth),
                          deps: Services = Depends(services)) -> dict[str, int]:
    raw = await request.body()
    try:
        batch = ReadingBatch.model_validate_json(raw)
    except ValidationError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, exc.errors(include_url=False)) from exc
    if batch.gateway_id != gateway_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "gateway mismatch")
    hub = request.app.state.hub
    return await IngestionService(deps, hub).ingest_batch(batch)


@router.post("/readings/legacy", status_code=202)
async def upload_legacy(request: Request, gateway_id: str = Depends(gateway_auth),
                        deps: Services = Depends(services)) -> dict[str, int]:
    try:
        doc = json.loads(await request.body())
        batch = ReadingBatch(gateway_id=gateway_id, readings=doc["items"])
    except (json.JSONDecodeError, KeyError, ValidationError) as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "malformed legacy batch") from exc
    return await IngestionService(deps, request.app.state.hub).ingest_batch(batch)
