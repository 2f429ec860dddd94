from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from apron.deps import get_session
from apron.errors import NotFound
from apron.repositories.flights import FlightRepository

router = APIRouter(prefix="/flights", tags=["flights"])


def _flight_out(flight) -> dict[str, Any]:
    return {
        "id": flight.id,
        "key": flight.key,
        "airport": flight.airport,
        "sta": flight.sta,
        "std": flight.std,
        "eta": flight.eta,
        "etd": flight.etd,
        "type": flight.aircraft_type,
        "registration": flight.registration,
        "status": flight.status,
    }


@router.get("")
async def list_flights(airport: str, day: date, session: AsyncSession = Depends(get_session)) -> list[dict[str, Any]]:
    flights = await FlightRepository(session).list_for_day(airport.upper(), day)
    return [_flight_out(f) for f in flights]


@router.get("/{flight_id}")
async def get_flight(flight_id: int, session: AsyncSession = Depends(get_session)) -> dict[str, Any]:
    flight = await FlightRepository(session).get(flight_id)
    if flight is None:
        raise NotFound(f"flight {flight_id}")
    return _flight_out(flight)


@router.get("/by-registration/{registration}")
async def flights_for_tail(registration: str, session: AsyncSession = Depends(get_session)) -> list[dict[str, Any]]:
    flights = await FlightRepository(session).by_registration(registration.upper())
    if not flights:
        raise HTTPException(status_code=404, detail=f"no flights for {registration}")
    return [_flight_out(f) for f in flights]


@router.post("/ssim/{day}", status_code=202)
async def reload_ssim(day: date, request: Request) -> dict[str, int]:
    count = await request.app.state.ingest.ingest_ssim(day)
    return {"flights": count}
