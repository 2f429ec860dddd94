"""Geofences, alert rules, alerts and webhook subscriptions."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field, HttpUrl

from svc.db.alerts_repo import AlertRepository
from svc.deps import current_dispatcher, get_alert_repo, get_alert_service, get_geofence_service
from svc.services.alerts import AlertService
from svc.services.auth import Dispatcher
from svc.services.geofences import GeofenceIndex, GeofenceService

router = APIRouter(tags=["rules"])


class GeofenceIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    polygon: list[list[float]] = Field(min_length=3, max_length=500)


class WebhookIn(BaseModel):
    url: HttpUrl


class CloseAlertsIn(BaseModel):
    device_ids: list[int] = Field(min_length=1, max_length=1000)
    reason: str = Field(default="closed by dispatcher", max_length=200)


@router.post("/fleets/{fleet_id}/geofences", status_code=status.HTTP_201_CREATED)
async def create_geofence(
    fleet_id: int,
    body: GeofenceIn,
    service: GeofenceService = Depends(get_geofence_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> dict[str, Any]:
    if fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")
    fence = await service.create(fleet_id, body.name, body.polygon)
    return {"id": fence.id, "name": fence.name}


@router.get("/fleets/{fleet_id}/rules")
async def list_rules(
    fleet_id: int,
    service: GeofenceService = Depends(get_geofence_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> list[dict[str, Any]]:
    if fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")
    return await service.rules_overview(fleet_id)


@router.get("/rules/{rule_id}/alerts")
async def alerts_for_rule(rule_id: int, repo: AlertRepository = Depends(get_alert_repo)) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.open_for_rule(rule_id)]


@router.get("/devices/{device_id}/alerts")
async def alerts_for_device(device_id: int, repo: AlertRepository = Depends(get_alert_repo)) -> list[dict[str, Any]]:
    return [dict(r) for r in await repo.open_for_device(device_id)]


@router.post("/alerts/{alert_id}/ack")
async def acknowledge(
    alert_id: int,
    service: AlertService = Depends(get_alert_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> dict[str, bool]:
    if not await service.acknowledge(alert_id, dispatcher.user_id):
        raise HTTPException(status.HTTP_409_CONFLICT, detail="alert already handled")
    return {"acknowledged": True}


@router.post("/fleets/{fleet_id}/webhooks", status_code=status.HTTP_201_CREATED)
async def register_webhook(
    fleet_id: int,
    body: WebhookIn,
    service: AlertService = Depends(get_alert_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> dict[str, str]:
    if fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")
    await service.register_webhook(fleet_id, str(body.url))
    return {"url": str(body.url)}


@router.get("/fleets/{fleet_id}/geofences/polygons")
async def geofence_polygons(
    fleet_id: int, request: Request, dispatcher: Dispatcher = Depends(current_dispatcher)
) -> dict[int, list[list[float]]]:
    if fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")
    index: GeofenceIndex = request.app.state.geofence_index
    polygons = await index.polygons(fleet_id)
    return {fence_id: [list(p) for p in polygon] for fence_id, polygon in polygons.items()}


@router.post("/alerts/close", status_code=status.HTTP_204_NO_CONTENT)
async def close_alerts(
    body: CloseAlertsIn,
    repo: AlertRepository = Depends(get_alert_repo),
    _: Dispatcher = Depends(current_dispatcher),
) -> None:
    await repo.close_for_devices(body.device_ids, f" [{body.reason}]")
