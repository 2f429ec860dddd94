from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..errors import NotFound
from ..integrations.clients import WeatherClient
from ..repositories import flights as flights_repo

router = APIRouter(prefix="/flights", tags=["flights"])


def weather(request: Request) -> WeatherClient:
    return request.app.state.weather


def _flight_out(flight) -> dict:
    return {
        "id": flight.id,
        "flight_no": flight.flight_no,
        "origin": flight.origin,
        "destination": flight.destination,
        "sched_dep": flight.sched_dep.isoformat(),
        "est_dep": flight.est_dep.isoformat() if flight.est_dep else None,
        "gate": flight.gate,
        "status": flight.status,
    }


@router.get("/departures")
async def departures(
    origin: str = Query(..., min_length=3, max_length=3),
    day: date = Query(...),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    flights = await flights_repo.departures(session, origin.upper(), start, start + timedelta(days=1))
    return [_flight_out(f) for f in flights]


@router.get("/lookup")
async def lookup(flight_no: str, day: date, session: AsyncSession = Depends(get_session)) -> dict:
    flight = await flights_repo.by_number_and_day(session, flight_no.upper(), day)
    if flight is None:
        raise NotFound("flight not found", flight_no=flight_no, day=day.isoformat())
    return _flight_out(flight)


@router.get("/{flight_id}/status")
async def status(
    flight_id: int,
    session: AsyncSession = Depends(get_session),
    wx: WeatherClient = Depends(weather),
) -> dict:
    flight = await flights_repo.get(session, flight_id)
    if flight is None:
        raise NotFound("flight not found", flight_id=flight_id)
    conditions = await wx.conditions(flight.origin)
    body = _flight_out(flight)
    body["origin_weather"] = conditions or {"available": False}
    return body


@router.get("/{flight_id}/gate")
async def gate(flight_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    flight = await flights_repo.get(session, flight_id)
    if flight is None:
        return {"error": "flight not found", "flight_id": flight_id}
    return {"flight_id": flight.id, "gate": flight.gate, "status": flight.status}


@router.get("/{flight_id}/live")
async def live(flight_id: int, request: Request, boarded: bool = False) -> dict:
    return await request.app.state.flight_status.status(flight_id, include_boarded=boarded)
