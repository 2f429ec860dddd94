from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends

from homegrid.api.deps import current_principal, get_container, require_household, service_principal
from homegrid.container import Container
from homegrid.errors import Forbidden
from homegrid.models import DREvent, DREventIn, Participation
from homegrid.models import Principal

router = APIRouter(prefix="/v1", tags=["demand-response"])


@router.post("/utilities/{utility_id}/events", response_model=DREvent, status_code=201)
async def receive_event(
    utility_id: str,
    data: DREventIn,
    principal: Principal = Depends(service_principal),
    container: Container = Depends(get_container),
) -> DREvent:
    event = await container.demand_response.receive_event(utility_id, data)
    container.audit.record("utility:" + utility_id, "dr.event.received", str(event.id), data.model_dump(mode="json"))
    return event


@router.post("/events/{event_id}/enrollments/{household_id}", response_model=Participation)
async def enroll(
    event_id: UUID,
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Participation:
    require_household(principal, household_id)
    event = await container.events.get(event_id)
    return await container.demand_response.enroll(event, household_id)


@router.post("/events/{event_id}/opt-out/{household_id}")
async def opt_out(
    event_id: UUID,
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, bool]:
    require_household(principal, household_id)
    changed = await container.demand_response.opt_out(event_id, household_id)
    await container.audit.record(str(principal.user_id), "dr.opt_out", str(household_id), {"event": str(event_id)})
    return {"opted_out": changed}


@router.get("/events/{event_id}/acks")
async def acknowledgement_summary(
    event_id: UUID,
    principal: Principal = Depends(service_principal),
    container: Container = Depends(get_container),
) -> dict[str, dict[str, int]]:
    return await container.demand_response.acknowledgement_summary(event_id)


@router.get("/events/{event_id}", response_model=DREvent)
async def get_event(
    event_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> DREvent:
    return await container.events.get(event_id)


@router.get("/events/{event_id}/households/{household_id}")
async def household_event_status(
    event_id: UUID,
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    require_household(principal, household_id)
    event = await container.events.get(event_id)
    participation = await container.events.get_participation(event.id, household_id)
    return {
        "event": event.model_dump(mode="json"),
        "status": participation.status if participation else "not_enrolled",
        "opt_out_deadline": container.demand_response.opt_out_deadline(event).isoformat(),
    }


@router.post("/utilities/{utility_id}/events/{event_id}/cancel")
async def cancel_event(
    utility_id: str,
    event_id: UUID,
    principal: Principal = Depends(service_principal),
    container: Container = Depends(get_container),
) -> dict[str, str]:
    event = await container.events.get(event_id)
    if event.utility_id != utility_id:
        raise Forbidden("event belongs to another utility")
    await container.events.set_status(event.id, "cancelled")
    await container.audit.record("utility:" + utility_id, "dr.event.cancelled", str(event.id))
    return {"status": "cancelled"}
