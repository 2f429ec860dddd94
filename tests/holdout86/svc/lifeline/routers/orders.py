from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff
from lifeline.schemas import OrderIn
from lifeline.services.container import Container
from lifeline.utils.clock import utcnow

router = APIRouter(prefix="/orders", tags=["orders"], dependencies=[Depends(require_staff)])


@router.post("", status_code=201)
async def create_order(
    body: OrderIn, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    order = await container.orders.create(session, body)
    return {"id": order.id, "status": "crossmatching"}


@router.get("/hospital/{hospital_id}")
async def order_history(
    hospital_id: int,
    days: int = 30,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    return await container.orders.history(session, hospital_id, utcnow() - timedelta(days=days))


@router.get("/hospital/{hospital_id}/open")
async def open_orders(
    hospital_id: int, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> list[dict]:
    return await container.orders.open_orders(session, hospital_id, utcnow() - timedelta(days=7))


@router.post("/{order_id}/allocate")
async def allocate(
    order_id: int,
    component_ids: list[int],
    emergency: bool = False,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    if emergency:
        ids = await container.orders.allocate_locked(session, order_id, component_ids)
    else:
        ids = await container.orders.allocate(session, order_id, component_ids)
    return {"allocated": ids}


@router.post("/{order_id}/suggest")
async def suggest_components(
    order_id: int,
    site_id: int,
    held: list[int],
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    return {"components": await container.orders.suggest(session, order_id, site_id, held)}


@router.get("/crossmatch/{sample_id}/final")
async def crossmatch_final(sample_id: str, container: Container = Depends(get_container)) -> dict:
    result = await container.crossmatch.final_result(sample_id)
    if result is None:
        return {"sample": sample_id, "status": "pending"}
    return {"sample": result.sample_id, "status": result.status, "components": result.component_ids}


@router.get("/crossmatch/{sample_id}")
async def crossmatch_result(sample_id: str, container: Container = Depends(get_container)) -> dict:
    result = await container.crossmatch.result(sample_id)
    return {"sample": result.sample_id, "status": result.status, "antibodies": result.antibodies}
