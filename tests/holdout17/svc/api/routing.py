"""Depot planners' API: route planning jobs, plans, drivers' daily routes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel

from svc.api.deps import get_planner
from svc.errors import NotFoundError
from svc.services.routing import RoutePlanner

router = APIRouter(prefix="/v1/routing", tags=["routing"])


class PlanRequest(BaseModel):
    depot_id: int
    service_date: date
    driver_id: str


@router.post("/jobs", status_code=status.HTTP_202_ACCEPTED)
async def submit_plan(body: PlanRequest, planner: RoutePlanner = Depends(get_planner)) -> dict[str, str]:
    job = await planner.submit(body.depot_id, body.service_date, body.driver_id)
    return {"job_id": job.id, "status": job.status}


@router.get("/jobs/{job_id}")
async def job_status(job_id: str, planner: RoutePlanner = Depends(get_planner)) -> dict[str, Any]:
    job = planner.job(job_id)
    return asdict(job)


@router.delete("/jobs/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_job(job_id: str, planner: RoutePlanner = Depends(get_planner)) -> None:
    if not await planner.cancel(job_id):
        raise NotFoundError(f"no cancellable job {job_id}")


@router.get("/plans/{plan_id}")
async def plan_details(plan_id: int, planner: RoutePlanner = Depends(get_planner)) -> dict[str, Any]:
    return await planner.plan_details(plan_id)


@router.get("/plans/{plan_id}/stops/{tracking_number}")
async def stop_for_parcel(plan_id: int, tracking_number: str, planner: RoutePlanner = Depends(get_planner)) -> dict[str, Any]:
    sequence = await planner.stop_for_parcel(plan_id, tracking_number)
    if sequence is None:
        raise NotFoundError(f"{tracking_number} is not on plan {plan_id}")
    return {"sequence": sequence}


@router.get("/depots/{depot_id}/plans")
async def depot_plans(depot_id: int, service_date: date, planner: RoutePlanner = Depends(get_planner)) -> list[dict[str, Any]]:
    plans = await planner.plans_for_depot(depot_id, service_date)
    return [{"id": p.id, "driver_id": p.driver_id, "stops": len(p.stops), "status": p.status} for p in plans]


@router.get("/drivers/{driver_id}/route")
async def driver_route(driver_id: str, service_date: date, planner: RoutePlanner = Depends(get_planner)) -> dict[str, Any]:
    plan = await planner.plan_for_driver(driver_id, service_date)
    if plan is None:
        raise NotFoundError(f"no route for driver {driver_id} on {service_date}")
    return {"id": plan.id, "stops": [{"sequence": s.sequence, "lat": s.latitude, "lon": s.longitude} for s in plan.stops]}


@router.get("/zones/{postcode}")
async def postcode_zone(postcode: str, planner: RoutePlanner = Depends(get_planner)) -> dict[str, str | None]:
    return {"postcode": postcode, "zone": await planner.zone(postcode)}
