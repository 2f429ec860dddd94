"""Operator endpoints (behind the internal ingress only)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from zonekeep.core.redis import get_sync_redis
from zonekeep.services import zonefile

router = APIRouter(prefix="/internal", tags=["admin"])


@router.get("/exports/{zone_name}/{serial}")
def download_export(zone_name: str, serial: int) -> Response:
    try:
        data = zonefile.read_export(zone_name, serial)
    except FileNotFoundError as exc:
        raise HTTPException(status_code=404, detail="export not found") from exc
    return Response(content=data, media_type="text/dns")


@router.get("/ratelimits/{scope}")
def ratelimit_keys(scope: str) -> dict:
    r = get_sync_redis()
    keys = list(r.scan_iter(match=f"rl:{scope}:*", count=500))[:1000]
    return {"scope": scope, "active_windows": len(keys)}
