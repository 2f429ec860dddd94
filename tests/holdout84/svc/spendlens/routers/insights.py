from __future__ import annotations

import asyncio
from datetime import date, timedelta

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, status

from ..deps import TenantContext, current_tenant, get_container
from ..errors import NotFound
from ..schemas import TagPolicyIn
from ..services.container import Container

router = APIRouter(prefix="/v1", tags=["insights"])


@router.get("/anomalies")
async def list_anomalies(
    days: int = 30,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> list[dict]:
    rows = await container.anomaly_repo.list_open(tenant.id, date.today() - timedelta(days=days))
    return [dict(row) for row in rows]


@router.post("/anomalies/{anomaly_id}/ack", status_code=status.HTTP_204_NO_CONTENT)
async def acknowledge_anomaly(
    anomaly_id: int,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> None:
    if not await container.anomaly_repo.acknowledge(tenant.id, anomaly_id):
        raise NotFound("anomaly not found")


@router.get("/recommendations")
async def list_recommendations(
    tenant: TenantContext = Depends(current_tenant), container: Container = Depends(get_container)
) -> list[dict]:
    recs = await container.recommendation_repo.latest(tenant.id)
    return [
        {
            "resource_id": r.resource_id,
            "kind": r.kind,
            "current_type": r.current_type,
            "suggested_type": r.suggested_type,
            "monthly_savings": str(r.monthly_savings),
            "utilisation": container.rightsizing.utilisation_of(r.resource_id),
        }
        for r in recs
    ]


@router.post("/accounts/{account_id}/recommendations/refresh")
async def refresh_recommendations(
    account_id: int,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    account = await container.accounts.get(account_id)
    if account is None or account.tenant_id != tenant.id:
        raise NotFound("account not found")
    try:
        recs = await asyncio.wait_for(container.rightsizing.recommend_for_account(account), timeout=60)
    except asyncio.TimeoutError as exc:
        raise HTTPException(status_code=504, detail="metrics service too slow, try again later") from exc
    return {"count": len(recs)}


@router.get("/tag-policies")
async def list_policies(
    tenant: TenantContext = Depends(current_tenant), container: Container = Depends(get_container)
) -> list[dict]:
    policies = await container.tag_repo.policies_with_violations(tenant.id)
    return [
        {"id": p.id, "name": p.name, "required_keys": p.required_keys, "violations": len(p.violations)}
        for p in policies
    ]


@router.post("/tag-policies", status_code=status.HTTP_201_CREATED)
async def create_policy(
    body: TagPolicyIn,
    background: BackgroundTasks,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    policy = await container.tag_repo.create_policy(tenant.id, **body.model_dump())
    background.add_task(container.audit.record, tenant.id, "tag_policy.created", {"policy_id": policy.id})
    return {"id": policy.id}
