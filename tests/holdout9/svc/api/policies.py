import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Query

from svc.api.deps import get_pg_pool, get_policy_service, require_role
from svc.config import Settings, get_settings
from svc.db.pg import PolicyRepository
from svc.services.policies import PolicyService, PolicyView

router = APIRouter(prefix="/policies", tags=["policies"], dependencies=[Depends(require_role("adjuster", "agent", "supervisor"))])


@router.get("/search")
async def search_policies(q: str = Query(min_length=3, max_length=80), pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> list[dict]:
    repo = PolicyRepository(pool, settings.db_acquire_timeout)
    return await repo.search_by_holder(q)


@router.get("/by-email/{email}")
async def policies_for_holder(email: str, pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> list[dict]:
    repo = PolicyRepository(pool, settings.db_acquire_timeout)
    return [dict(r) for r in await repo.find_by_holder_email(email)]


@router.get("/legacy/{policy_number}")
async def legacy_policy(policy_number: str, service: PolicyService = Depends(get_policy_service)) -> PolicyView:
    view = await service.lookup_legacy(policy_number)
    if view is None:
        raise HTTPException(status_code=404, detail="policy not found in legacy system")
    return view


@router.get("/{policy_number}/snapshot")
async def policy_snapshot(policy_number: str, pool: asyncpg.Pool = Depends(get_pg_pool), settings: Settings = Depends(get_settings)) -> dict:
    repo = PolicyRepository(pool, settings.db_acquire_timeout)
    row = await repo.get_by_number(policy_number)
    if row is None:
        raise HTTPException(status_code=404, detail="policy not found")
    return dict(row)


@router.get("/{policy_number}")
async def get_policy(policy_number: str, service: PolicyService = Depends(get_policy_service)) -> PolicyView:
    return await service.lookup(policy_number)
