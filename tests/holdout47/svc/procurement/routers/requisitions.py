from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.engine import get_session
from procurement.db.models import Requisition, RequisitionLine, RequisitionStatus
from procurement.redis_client import get_redis
from procurement.repositories import requisition_repo
from procurement.schemas import RequisitionIn, RequisitionOut
from procurement.security import Principal, current_principal
from procurement.services import approval_service, budget_service
from procurement.services.fx_service import ConversionUnavailable
from procurement.utils.money import line_total

router = APIRouter(prefix="/requisitions", tags=["requisitions"])


def _out(r: Requisition) -> RequisitionOut:
    return RequisitionOut(id=r.id, title=r.title, status=r.status.value, total_amount=r.total_amount, currency=r.currency)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RequisitionOut)
async def create_requisition(
    body: RequisitionIn,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> RequisitionOut:
    total = sum((line_total(l.quantity, l.unit_price) for l in body.lines), Decimal("0"))
    requisition = Requisition(
        requester_id=principal.user_id,
        cost_centre_id=body.cost_centre_id,
        title=body.title,
        total_amount=total,
        currency=body.currency.upper(),
    )
    await requisition_repo.add(session, requisition)
    session.add_all(
        RequisitionLine(
            requisition_id=requisition.id,
            catalogue_item_id=l.catalogue_item_id,
            description=l.description,
            quantity=l.quantity,
            unit_price=l.unit_price,
            currency=requisition.currency,
        )
        for l in body.lines
    )
    try:
        await budget_service.place_hold(session, requisition)
    except budget_service.BudgetExceeded as exc:
        await session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except ConversionUnavailable as exc:
        await session.rollback()
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "currency conversion unavailable") from exc
    return _out(requisition)


@router.get("/mine", response_model=list[RequisitionOut])
async def my_requisitions(
    principal: Principal = Depends(current_principal), session: AsyncSession = Depends(get_session)
) -> list[RequisitionOut]:
    return [_out(r) for r in await requisition_repo.list_for_requester(session, principal.user_id)]


@router.get("/{requisition_id}", response_model=RequisitionOut)
async def get_requisition(
    requisition_id: int,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> RequisitionOut:
    requisition = await requisition_repo.get(session, requisition_id)
    if requisition is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "requisition not found")
    return _out(requisition)


def _policy_for(cost_centre_id: int, overrides: dict[str, int]) -> approval_service.ApprovalPolicy:
    return approval_service.ApprovalPolicy(
        line_manager_id=overrides.get("line_manager", 0),
        department_head_id=overrides.get("department_head", 0),
        finance_controller_id=overrides.get("finance_controller", 0),
        cfo_id=overrides.get("cfo", 0),
    )


@router.post("/{requisition_id}/submit", response_model=RequisitionOut)
async def submit_for_approval(
    requisition_id: int,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> RequisitionOut:
    requisition = await requisition_repo.get(session, requisition_id)
    if requisition is None or requisition.requester_id != principal.user_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "requisition not found")
    raw = await get_redis().hgetall(f"approval-policy:{requisition.cost_centre_id}")
    if not raw:
        raise HTTPException(status.HTTP_409_CONFLICT, "cost centre has no approval policy")
    policy = _policy_for(requisition.cost_centre_id, {k: int(v) for k, v in raw.items()})
    try:
        await approval_service.submit(session, requisition, policy)
    except approval_service.ApprovalError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return _out(requisition)


@router.post("/{requisition_id}/withdraw", response_model=RequisitionOut)
async def withdraw(
    requisition_id: int,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> RequisitionOut:
    requisition = await requisition_repo.get(session, requisition_id)
    if requisition is None or requisition.requester_id != principal.user_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "requisition not found")
    if requisition.status not in (RequisitionStatus.draft, RequisitionStatus.pending):
        raise HTTPException(status.HTTP_409_CONFLICT, "requisition can no longer be withdrawn")
    requisition.status = RequisitionStatus.rejected
    await session.commit()
    await budget_service.release_hold(session, requisition_id)
    return _out(requisition)
