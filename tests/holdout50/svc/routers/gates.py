from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Depends, HTTPException, status

from redis.asyncio import Redis

from ..deps import get_gate_service, get_redis, verify_gate_key
from ..schemas import ScanDecision, ScanRequest
from ..services.gate_service import GateService, GateUnavailable
from ..utils.locks import counters
from ..utils.rfid import normalize_uid

router = APIRouter(prefix="/gates", tags=["gates"], dependencies=[Depends(verify_gate_key)])
log = logging.getLogger(__name__)

DUPLICATE_READ_WINDOW_S = 2.0
_last_read: dict[str, tuple[str, float]] = {}


@router.post("/{gate_id}/scan", response_model=ScanDecision)
async def scan(
    gate_id: str, body: ScanRequest, service: GateService = Depends(get_gate_service)
) -> ScanDecision:
    try:
        uid = normalize_uid(body.raw_uid)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc

    previous = _last_read.get(gate_id)
    now = time.monotonic()
    if previous and previous[0] == uid and now - previous[1] < DUPLICATE_READ_WINDOW_S:
        return ScanDecision(allowed=True, reason="duplicate_read")
    _last_read[gate_id] = (uid, now)

    try:
        decision = await service.validate_scan(gate_id, body.lift_id, uid)
    except GateUnavailable:
        log.exception("gate validation unavailable", extra={"gate": gate_id})
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "validation unavailable") from None

    counters.incr("gate.scans")
    if not decision.allowed:
        counters.incr(f"gate.denied.{decision.reason}")
    return decision


@router.get("/stats")
async def stats(redis: Redis = Depends(get_redis)) -> dict[str, int]:
    raw = await redis.hgetall("metrics:counters")
    return {k: int(v) for k, v in raw.items() if k.startswith("gate.")}
