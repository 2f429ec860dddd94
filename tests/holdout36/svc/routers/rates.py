from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from svc.container import Services, services
from svc.deps import SessionDep, StaffDep
from svc.repositories import rates as rates_repo
from svc.schemas import Quote, RateUpdate, StayRequest
from svc.services.pricing import NoRateAvailable, set_override

router = APIRouter(tags=["rates"])
ServicesDep = Annotated[Services, Depends(services)]


@router.post("/quotes", response_model=Quote)
async def quote(body: StayRequest, session: SessionDep, svc: ServicesDep, currency: str = "EUR") -> Quote:
    try:
        return await svc.pricing.quote(session, body, currency.upper())
    except NoRateAvailable as exc:
        raise HTTPException(409, str(exc)) from exc


@router.put("/rates")
async def update_rates(updates: list[RateUpdate], session: SessionDep, svc: ServicesDep, staff: StaffDep) -> dict:
    hotel_ids: set[int] = set()
    for item in updates:
        await rates_repo.upsert_rate(session, item.rate_plan_id, item.room_type_id, item.stay_date, item.amount)
    await session.commit()
    for item in updates:
        plan = await rates_repo.get_plan(session, item.rate_plan_id)
        if plan is not None:
            hotel_ids.add(plan.hotel_id)
    for hotel_id in hotel_ids:
        svc.pricing.invalidate_hotel(hotel_id)
    return {"updated": len(updates)}


@router.put("/rates/override/{rate_plan_id}/{day}")
async def override(rate_plan_id: int, day: date, staff: StaffDep, amount: Decimal | None = None) -> dict:
    set_override(rate_plan_id, day, amount)
    return {"rate_plan_id": rate_plan_id, "day": day.isoformat(), "amount": str(amount) if amount else None}
