from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import JSONResponse

from ..deps import TenantContext, current_tenant, get_container
from ..errors import SpendLensError
from ..schemas import BudgetIn, CreditIn
from ..services.budgets import serialize_budget
from ..services.container import Container

router = APIRouter(prefix="/v1/budgets", tags=["budgets"])


@router.get("")
async def list_budgets(
    tenant: TenantContext = Depends(current_tenant), container: Container = Depends(get_container)
) -> list[dict]:
    return await container.budgets.list_for_tenant(tenant.id)


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_budget(
    body: BudgetIn,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    try:
        budget = await container.budgets.create(tenant.id, body)
    except SpendLensError:
        raise
    except Exception as exc:
        raise HTTPException(status_code=400, detail="invalid budget") from exc
    return serialize_budget(budget)


@router.patch("/{budget_id}")
async def update_budget(
    budget_id: int,
    body: BudgetIn,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    budget = await container.budgets.update(tenant.id, budget_id, body.model_dump(exclude_unset=True))
    container.cache.invalidate_budgets(tenant.id)
    return serialize_budget(budget)


@router.delete("/{budget_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_budget(
    budget_id: int,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
):
    deleted = await container.budget_repo.delete(tenant.id, budget_id)
    if deleted is None:
        return JSONResponse({"error": "budget does not exist"}, status_code=404)
    await container.cache.invalidate_budgets(tenant_id=tenant.id)
    return None


@router.post("/{budget_id}/credits")
async def apply_credit(
    budget_id: int,
    body: CreditIn,
    tenant: TenantContext = Depends(current_tenant),
    container: Container = Depends(get_container),
) -> dict:
    consumed = await container.budgets.apply_credit(tenant.id, budget_id, body.amount)
    return {"budget_id": budget_id, "consumed_amount": str(consumed)}
