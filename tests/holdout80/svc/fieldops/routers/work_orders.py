from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Query

from fieldops.deps import CurrentUser, contract_service, current_user, require_dispatcher, work_order_service
from fieldops.schemas import TransitionIn, WorkOrderIn
from fieldops.services.contracts import ContractService
from fieldops.services.work_orders import WorkOrderService, serialise_work_order
from fieldops.utils.timeutil import day_bounds


router = APIRouter(prefix="/work-orders", tags=["work-orders"])


@router.post("", status_code=201)
async def create_work_order(
    body: WorkOrderIn,
    user: CurrentUser = Depends(require_dispatcher),
    service: WorkOrderService = Depends(work_order_service),
) -> dict:
    wo = await service.create(user.account_id, body.site_id, body.summary, body.priority)
    return serialise_work_order(wo)


@router.post("/{work_order_id}/status")
async def change_status(
    work_order_id: int,
    body: TransitionIn,
    user: CurrentUser = Depends(current_user),
    service: WorkOrderService = Depends(work_order_service),
) -> dict:
    wo = await service.transition(work_order_id, body.status)
    return serialise_work_order(wo)


@router.get("/board")
async def board_rows(
    day: date,
    user: CurrentUser = Depends(require_dispatcher),
    service: WorkOrderService = Depends(work_order_service),
) -> list[dict]:
    start, end = day_bounds(day)
    return await service.board_rows(user.account_id, start, end)


@router.get("/unscheduled")
async def unscheduled(
    after_id: int = 0,
    limit: int = Query(50, le=200),
    user: CurrentUser = Depends(require_dispatcher),
    service: WorkOrderService = Depends(work_order_service),
) -> list[dict]:
    return await service.unscheduled(user.account_id, after_id, limit)


@router.post("/summary")
async def bulk_summary(
    ids: list[int], user: CurrentUser = Depends(current_user), service: WorkOrderService = Depends(work_order_service)
) -> list[dict]:
    return await service.bulk_summary(ids[:100])


contract_router = APIRouter(prefix="/contracts", tags=["contracts"])


@contract_router.get("/due")
async def due_contracts(
    days: int = 14,
    user: CurrentUser = Depends(require_dispatcher),
    service: ContractService = Depends(contract_service),
) -> list[dict]:
    contracts = await service.due(date.today() + timedelta(days=days), user.account_id)
    return [
        {"id": c.id, "customer_id": c.customer_id, "site_id": c.site_id, "next_visit_on": c.next_visit_on.isoformat()}
        for c in contracts
    ]


@contract_router.post("/{contract_id}/generate")
async def generate_now(
    contract_id: int,
    user: CurrentUser = Depends(require_dispatcher),
    service: ContractService = Depends(contract_service),
) -> dict:
    due = [c for c in await service.due(date.today() + timedelta(days=365), user.account_id) if c.id == contract_id]
    if not due:
        return {"generated": None}
    return {"generated": await service.generate_visit(due[0])}
