from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.clients.routing_api import RoutePlan, RoutingClient
from fleetwise.clients.weather_sdk import WeatherSDK
from fleetwise.db.models import Voyage
from fleetwise.domain.schemas import VoyagePlanIn
from fleetwise.repositories.voyages import VoyageRepository

log = logging.getLogger(__name__)


class VoyageNotFound(LookupError):
    pass


class VoyageService:
    def __init__(self, session: AsyncSession, routing: RoutingClient, weather: WeatherSDK,
                 route_cache: dict[tuple, RoutePlan]) -> None:
        self._session = session
        self._repo = VoyageRepository(session)
        self._routing = routing
        self._weather = weather
        # shared across requests (app.state.route_cache) so repeated plans skip the provider
        self._route_cache = route_cache

    async def plan(self, plan: VoyagePlanIn) -> Voyage:
        next_no = (await self._repo.max_voyage_no(plan.vessel_id) or 0) + 1
        key = (plan.origin, plan.destination, plan.planned_speed_kn, plan.etd.date())
        route = self._route_cache.get(key)
        if route is None:
            route = await self._routing.optimise(plan.origin, plan.destination, plan.planned_speed_kn, plan.etd)
            self._route_cache[key] = route
        voyage = Voyage(
            vessel_id=plan.vessel_id,
            voyage_no=next_no,
            origin_port=plan.origin_port,
            destination_port=plan.destination_port,
            planned_speed_kn=plan.planned_speed_kn,
            etd=plan.etd,
            eta=route.eta,
        )
        await self._repo.add(voyage)
        await self._repo.replace_waypoints(voyage, route.waypoints)
        await self._session.commit()
        return voyage

    async def start(self, voyage_id: int) -> Voyage:
        voyage = await self._repo.lock(voyage_id)
        if voyage is None:
            raise VoyageNotFound(voyage_id)
        if voyage.status == "planned":
            voyage.status = "underway"
        await self._session.commit()
        return voyage

    async def route_weather(self, voyage_id: int) -> list[dict]:
        waypoints = await self._repo.waypoints(voyage_id)
        step = max(1, len(waypoints) // 20)
        sample = [(w.lat, w.lon) for w in waypoints[::step]]
        forecasts = await asyncio.to_thread(self._weather.bulk_forecast, sample)
        return [{"lat": p[0], "lon": p[1], "hs_m": f.wave_height_m, "wind_kn": f.wind_kn}
                for p, f in zip(sample, forecasts)]

    async def departure_weather(self, voyage_id: int) -> dict:
        waypoints = await self._repo.waypoints(voyage_id)
        if not waypoints:
            raise VoyageNotFound(voyage_id)
        first = waypoints[0]
        forecast = self._weather.forecast_point(first.lat, first.lon, hours_ahead=12)
        return {"hs_m": forecast.wave_height_m, "wind_kn": forecast.wind_kn, "current_kn": forecast.current_kn}

    async def vessel_board(self, vessel_id: int) -> list[dict]:
        board = []
        for voyage in await self._repo.for_vessel(vessel_id):
            waypoints = await self._repo.waypoints(voyage.id)
            board.append({
                "voyage_id": voyage.id,
                "voyage_no": voyage.voyage_no,
                "status": voyage.status,
                "eta": voyage.eta,
                "route": [(w.lat, w.lon) for w in waypoints],
            })
        return board

    async def vessel_history(self, vessel_id: int) -> list[dict]:
        voyages = await self._repo.for_vessel_with_route(vessel_id)
        return [
            {"voyage_id": v.id, "voyage_no": v.voyage_no, "legs": len(v.waypoints), "status": v.status}
            for v in voyages
        ]
