from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Depends, Query

from telco.container import Container
from telco.deps import get_container, staff_only
from telco.repositories.subscribers import SubscriberRepository, search_msisdn_fragment, search_msisdn_prefix

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(staff_only)])


@router.get("/search")
async def search(
    q: str = Query(min_length=3), mode: str = "suffix", container: Container = Depends(get_container)
) -> list[dict]:
    if mode == "prefix":
        rows = await search_msisdn_prefix(container.pool, q)
    else:
        rows = await search_msisdn_fragment(container.pool, q)
    return [dict(row) for row in rows]


@router.get("/plans/{plan_code}/balances")
async def plan_balances(
    plan_code: str, after_id: int = 0, container: Container = Depends(get_container)
) -> list[dict]:
    async with container.session_factory() as session:
        subscribers = await SubscriberRepository(session).list_active(plan_code, after_id=after_id, limit=200)
    result = []
    for subscriber in subscribers:
        balance = await container.balances.get(subscriber.id)
        result.append({"id": subscriber.id, "msisdn": subscriber.msisdn, "available_cents": balance.available_cents})
    return result


@router.get("/plans/{plan_code}/balances/bulk")
async def plan_balances_bulk(
    plan_code: str, after_id: int = 0, container: Container = Depends(get_container)
) -> list[dict]:
    async with container.session_factory() as session:
        subscribers = await SubscriberRepository(session).list_active(plan_code, after_id=after_id, limit=200)
    balances = await container.balances._repo.get_many([s.id for s in subscribers])
    return [
        {"id": s.id, "msisdn": s.msisdn, "available_cents": balances[s.id].available_cents}
        for s in subscribers if s.id in balances
    ]


@router.post("/reconciliation", status_code=202)
async def trigger_reconciliation(container: Container = Depends(get_container)) -> dict:
    asyncio.create_task(container.reconciliation.run(repair=False))
    return {"started": True}


@router.post("/tariffs/reload", status_code=204)
async def reload_tariffs(container: Container = Depends(get_container)) -> None:
    container.rating._tariffs.clear()
