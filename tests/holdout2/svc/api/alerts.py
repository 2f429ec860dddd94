"""Alert rules and the alert feed."""
from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, status

from svc.api.deps import Container, Principal, current_principal, get_container
from svc.errors import NotFoundError
from svc.models.schemas import AlertOut, AlertRuleIn, AlertRuleOut

router = APIRouter(prefix="/alerts", tags=["alerts"])


@router.get("")
async def recent_alerts(
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[dict[str, Any]]:
    return await container.alerts_repo.recent_with_devices(principal.tenant_id)


@router.get("/rules")
async def list_rules(
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[dict[str, Any]]:
    return await container.alert_service.describe_rules(principal.tenant_id)


@router.post("/rules", status_code=status.HTTP_201_CREATED, response_model=AlertRuleOut)
async def create_rule(
    body: AlertRuleIn,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> AlertRuleOut:
    await container.devices_repo.get_for_tenant(principal.tenant_id, body.device_id)
    rule = await container.alerts_repo.create_rule(principal.tenant_id, body)
    await container.alert_service.refresh_rules()
    return AlertRuleOut.model_validate(rule)


@router.get("/rules/{rule_id}/history", response_model=list[AlertOut])
async def rule_history(
    rule_id: int,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[AlertOut]:
    alerts = await container.alerts_repo.for_rule(rule_id)
    return [AlertOut.model_validate(a) for a in alerts if a.tenant_id == principal.tenant_id]


@router.get("/devices/{device_id}", response_model=list[AlertOut])
async def device_alerts(
    device_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[AlertOut]:
    await container.devices_repo.get_for_tenant(principal.tenant_id, device_id)
    return [AlertOut.model_validate(a) for a in await container.alerts_repo.for_device(device_id)]


@router.post("/{alert_id}/ack", status_code=status.HTTP_204_NO_CONTENT)
async def acknowledge(
    alert_id: int,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> None:
    if not await container.alerts_repo.acknowledge(principal.tenant_id, alert_id, principal.subject):
        raise NotFoundError(f"alert {alert_id} not found or already acknowledged")
