from __future__ import annotations

from fastapi import APIRouter, Depends, Header, HTTPException, status

from ..deps import TenantContext, current_tenant, get_container
from ..schemas import AccountIn, AccountOut, SkuAliasIn
from ..services.container import Container
from ..services.normalize import register_sku_alias

router = APIRouter(prefix="/v1", tags=["accounts"])


@router.get("/accounts", response_model=list[AccountOut])
async def list_accounts(
    tenant: TenantContext = Depends(current_tenant), container: Container = Depends(get_container)
) -> list[AccountOut]:
    accounts = await container.accounts.list_for_tenant(tenant.id)
    return [AccountOut.model_validate(a, from_attributes=True) for a in accounts]


@router.post("/accounts", response_model=AccountOut, status_code=status.HTTP_201_CREATED)
async def create_account(
    body: AccountIn,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> AccountOut:
    account = await container.accounts.create(tenant.id, **body.model_dump())
    await container.audit.record(tenant.id, "account.created", {"account_id": account.id})
    return AccountOut.model_validate(account, from_attributes=True)


@router.post("/accounts/{account_id}/sync", status_code=status.HTTP_202_ACCEPTED)
async def sync_account(
    account_id: int,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    exports = await container.ingestion.request_sync(tenant.id, account_id)
    return {"account_id": account_id, "exports": exports}


@router.get("/accounts/{account_id}/exports")
async def list_exports(
    account_id: int,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    account = await container.accounts.get(account_id)
    if account is None or account.tenant_id != tenant.id:
        raise HTTPException(status_code=404, detail="account not found")
    return {"keys": await container.storage.list_exports(account.export_prefix)}


@router.post("/internal/exports/{provider}/{external_id}", status_code=status.HTTP_202_ACCEPTED)
async def export_landed(
    provider: str,
    external_id: str,
    key: str,
    x_internal_token: str = Header(default=""),
    container: Container = Depends(get_container),
) -> dict:
    if x_internal_token != container.settings.environment + "-bucket-notifier":
        raise HTTPException(status_code=403, detail="forbidden")
    job_id = await container.ingestion.enqueue_from_notification(provider, external_id, key)
    return {"job_id": job_id}


@router.post("/admin/sku-aliases", status_code=status.HTTP_204_NO_CONTENT)
async def add_sku_alias(body: SkuAliasIn, tenant: TenantContext = Depends(current_tenant)) -> None:
    if tenant.plan != "internal":
        raise HTTPException(status_code=403, detail="admin only")
    register_sku_alias(body.raw_sku, body.canonical)
