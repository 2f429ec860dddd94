from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import db_session, operator_token, workorder_service
from ..repositories.workorders import WorkOrderRepository
from ..schemas import WorkOrderIn
from ..services.workorder_service import WorkOrderService

router = APIRouter(prefix="/work-orders", tags=["work-orders"], dependencies=[Depends(operator_token)])


@router.post("")
async def create(data: WorkOrderIn, svc: WorkOrderService = Depends(workorder_service)):
    return {"id": await svc.create(data)}


@router.get("/site/{site_id}")
async def for_site(site_id: int, svc: WorkOrderService = Depends(workorder_service)):
    return await svc.list_for_site(site_id)


@router.get("/site/{site_id}/recent")
async def recent(site_id: int, session: AsyncSession = Depends(db_session)):
    orders = await WorkOrderRepository(session).for_site(site_id, status="open", limit=50)
    return [{"id": o.id, "title": o.title} for o in orders]


@router.get("/search")
async def search(q: str, session: AsyncSession = Depends(db_session)):
    orders = await WorkOrderRepository(session).search(q)
    return [{"id": o.id, "title": o.title, "status": o.status} for o in orders]


@router.post("/{order_id}/dispatch")
async def dispatch(order_id: int, skill: str | None = None, svc: WorkOrderService = Depends(workorder_service)):
    return {"technician_id": await svc.dispatch(order_id, skill)}


@router.post("/{order_id}/close")
async def close(order_id: int, svc: WorkOrderService = Depends(workorder_service)):
    await svc.close(order_id)
    return {"closed": order_id}
