"""Probes and operator endpoints."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends

from svc import __version__
from svc.api.deps import Container, get_container, require_ops_key
from svc.models.schemas import MaintenanceIn

router = APIRouter(tags=["ops"])

_maintenance: dict[str, Any] = {"enabled": False, "reason": None, "since": None}


def maintenance_state() -> dict[str, Any]:
    return dict(_maintenance)


@router.get("/health/live")
async def live() -> dict[str, str]:
    """Liveness: the process is up and its event loop answers."""
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    """Readiness probe used by the load balancer before routing traffic here."""
    return {"status": "ready", "version": __version__}


@router.get("/ops/dependencies", dependencies=[Depends(require_ops_key)])
async def dependencies(container: Container = Depends(get_container)) -> dict[str, Any]:
    report: dict[str, Any] = {}
    try:
        report["postgres"] = "ok" if await container.devices_repo.ping() else "unexpected answer"
    except Exception as exc:  # reported, not raised: this endpoint exists to show failures
        report["postgres"] = f"error: {exc.__class__.__name__}"
    try:
        report["redis"] = "ok" if await container.redis.ping() else "unexpected answer"
    except Exception as exc:
        report["redis"] = f"error: {exc.__class__.__name__}"
    report["ingest"] = container.pipeline.stats()
    return report


@router.post("/ops/maintenance", dependencies=[Depends(require_ops_key)])
async def set_maintenance(body: MaintenanceIn) -> dict[str, Any]:
    _maintenance.update(
        enabled=body.enabled,
        reason=body.reason if body.enabled else None,
        since=datetime.now(timezone.utc).isoformat() if body.enabled else None,
    )
    return maintenance_state()


@router.get("/ops/connections", dependencies=[Depends(require_ops_key)])
async def connections(container: Container = Depends(get_container)) -> dict[str, Any]:
    return await container.registry.tenant_summary()


@router.get("/ops/storage", dependencies=[Depends(require_ops_key)])
async def storage(container: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return await container.report_service.storage_stats()


@router.get("/ops/stale-devices", dependencies=[Depends(require_ops_key)])
async def stale_devices(hours: int = 24, container: Container = Depends(get_container)) -> list[dict[str, Any]]:
    rows = await container.devices_repo.stale(datetime.now(timezone.utc) - timedelta(hours=hours))
    return [{"id": str(r["id"]), "serial": r["serial"], "last_seen_at": r["last_seen_at"]} for r in rows]


@router.post("/ops/tenants/{tenant_id}/refresh", dependencies=[Depends(require_ops_key)])
async def refresh_tenant(tenant_id: uuid.UUID, container: Container = Depends(get_container)) -> dict[str, str]:
    container.tenant_cache.invalidate(tenant_id)
    return {"status": "invalidated"}
