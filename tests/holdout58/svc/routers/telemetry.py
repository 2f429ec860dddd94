from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException, Query, status

from .. import deps
from ..cache.rate_limit import RedisRateLimiter
from ..repositories.telemetry import TelemetryRepository
from ..utils.time import parse_ts, utcnow

router = APIRouter(prefix="/devices/{device_id}", tags=["telemetry"])

MAX_RANGE = timedelta(days=7)


@router.post("/telemetry", status_code=status.HTTP_202_ACCEPTED)
async def push_telemetry(
    device_id: str,
    body: dict,
    repo: TelemetryRepository = Depends(deps.telemetry_repo),
    limiter: RedisRateLimiter = Depends(deps.rate_limiter),
) -> dict:
    if not await limiter.hit(f"http-ingest:{device_id}", 10, 1):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    try:
        ts = parse_ts(body["ts"])
        points = [(device_id, metric, ts, float(value)) for metric, value in body["metrics"].items()]
        written = await repo.insert_points(points)
    except Exception:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid telemetry payload")
    return {"written": written}


@router.get("/telemetry")
async def read_series(
    device_id: str,
    metric: str,
    start: datetime | None = None,
    end: datetime | None = None,
    repo: TelemetryRepository = Depends(deps.telemetry_repo),
) -> dict:
    end = end or utcnow()
    start = start or end - timedelta(hours=1)
    if end - start > MAX_RANGE:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "range too large; use /telemetry/hourly")
    rows = await repo.series(device_id, metric, start, end)
    return {"metric": metric, "points": [{"ts": r["ts"], "value": r["value"]} for r in rows]}


@router.get("/telemetry/hourly")
async def read_hourly(
    device_id: str,
    metric: str,
    days: int = Query(7, ge=1, le=90),
    repo: TelemetryRepository = Depends(deps.telemetry_repo),
) -> dict:
    end = utcnow()
    rows = await repo.hourly(device_id, metric, end - timedelta(days=days), end)
    return {"metric": metric, "buckets": [dict(r) for r in rows]}


@router.get("/events")
async def read_events(
    device_id: str,
    kind: str,
    limit: int = Query(50, ge=1, le=500),
    repo: TelemetryRepository = Depends(deps.telemetry_repo),
) -> list[dict]:
    rows = await repo.recent_events(device_id, kind, limit)
    return [{"ts": r["ts"], "payload": r["payload"]} for r in rows]
