from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import current_dispatcher, get_container, get_session
from ..errors import GeocodeError, NotFound, UnitUnavailable
from ..repositories import IncidentRepository
from ..schemas import AddressUpdate, AssignRequest, CloseRequest, IncidentCreate
from ..services.auth import Principal
from ..services.container import Container

router = APIRouter(prefix="/incidents", tags=["incidents"])
log = logging.getLogger(__name__)


@router.post("", status_code=201)
async def create_incident(
    body: IncidentCreate,
    user: Principal = Depends(current_dispatcher),
    container: Container = Depends(get_container),
) -> dict:
    lat, lon, formatted, verified = body.lat, body.lon, body.address, False
    try:
        match = await container.geocoder.verify(body.address, city=body.city)
        lat, lon, formatted, verified = match.lat, match.lon, match.formatted, True
    except GeocodeError as exc:
        log.warning("manual incident address unverified (%s); using dispatcher-entered point", exc)
        if lat is None or lon is None:
            raise HTTPException(status_code=422, detail="address unverified; place a map point") from exc
    try:
        async with container.sessionmaker() as session, session.begin():
            incident = await container.incidents.create(
                session, nature_code=body.nature_code, priority=body.priority, agency=user.agency,
                address=formatted, lat=lat, lon=lon, verified=verified,
            )
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return {"id": incident.id, "number": incident.number, "verified": verified}


@router.get("/open")
async def open_board(user: Principal = Depends(current_dispatcher), container: Container = Depends(get_container)) -> list:
    return await container.incidents.open_board(user.agency)


@router.get("/search")
async def search(
    q: str = Query(min_length=3),
    prefix: bool = False,
    session: AsyncSession = Depends(get_session),
    user: Principal = Depends(current_dispatcher),
) -> list:
    repo = IncidentRepository(session)
    if prefix:
        return await repo.address_prefix(q.upper())
    return await repo.search_address(q)


@router.get("/day/{day}")
async def incidents_for_day(
    day: date,
    session: AsyncSession = Depends(get_session),
    user: Principal = Depends(current_dispatcher),
) -> list:
    incidents = await IncidentRepository(session).for_day(day)
    return [{"id": i.id, "number": i.number, "status": i.status, "nature": i.nature_code} for i in incidents
            if i.agency == user.agency]


@router.get("/{incident_id}")
async def get_incident(
    incident_id: int,
    session: AsyncSession = Depends(get_session),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    incident = await IncidentRepository(session).get(incident_id)
    if incident is None:
        return {"error": "incident not found", "id": incident_id}
    return {"id": incident.id, "number": incident.number, "status": incident.status,
            "address": incident.address, "lat": incident.lat, "lon": incident.lon}


@router.post("/{incident_id}/address")
async def update_address(
    incident_id: int,
    body: AddressUpdate,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    incident = await IncidentRepository(session).get(incident_id)
    if incident is None:
        raise HTTPException(status_code=404, detail="incident not found")
    match = await container.geocoder.verify(body.address, county=container.settings.county_fips)
    incident.address, incident.lat, incident.lon, incident.verified = match.formatted, match.lat, match.lon, True
    await session.commit()
    return {"id": incident_id, "address": match.formatted}


@router.get("/{incident_id}/recommend")
async def recommend(
    incident_id: int,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> list:
    incident = await IncidentRepository(session).get(incident_id)
    if incident is None:
        raise HTTPException(status_code=404, detail="incident not found")
    return await container.recommendation.recommend(incident.nature_code, incident.lat, incident.lon)


@router.post("/{incident_id}/assign", status_code=201)
async def assign(
    incident_id: int,
    body: AssignRequest,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    try:
        assignment = await container.assignment.assign(incident_id, body.unit_id, user.username)
    except UnitUnavailable as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return {"assignment_id": assignment.id, "ack_deadline": assignment.ack_deadline.isoformat()}


@router.post("/{incident_id}/close", status_code=204)
async def close(
    incident_id: int,
    body: CloseRequest,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> None:
    await container.incidents.close(incident_id, body.disposition)
