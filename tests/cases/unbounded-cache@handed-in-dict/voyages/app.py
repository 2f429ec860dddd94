from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request

from voyages.clients import RoutingClient
from voyages.ports import port_names, recent_tariffs
from voyages.services.voyages import FxAdmin, FxService, LegPlanner, PortService, TariffService, VoyageService


@asynccontextmanager
async def lifespan(app: FastAPI):
    state = app.state
    state.routing = RoutingClient("https://routing.example")
    state.route_cache = {}
    state.fx_rates = {}
    yield


app = FastAPI(lifespan=lifespan)


def voyage_service(request: Request) -> VoyageService:
    state = request.app.state
    return VoyageService(state.routing, state.route_cache)


def fx_service(request: Request) -> FxService:
    return FxService(request.app.state.routing, request.app.state.fx_rates)


@app.post("/voyages/plan")
async def plan(origin: str, destination: str, speed_kn: float,
               service: VoyageService = Depends(voyage_service)) -> dict:
    return await service.plan(origin, destination, speed_kn)


@app.get("/fx/{base}/{quote}")
async def fx(base: str, quote: str, service: FxService = Depends(fx_service)) -> dict:
    return {"rate": await service.rate(base, quote)}


@app.post("/fx/reset")
async def fx_reset(request: Request) -> dict:
    FxAdmin(request.app.state.fx_rates).reset()
    return {"ok": True}


@app.get("/ports/{code}")
async def port(code: str, request: Request) -> dict:
    names = PortService(request.app.state.routing, port_names)
    tariffs = TariffService(request.app.state.routing, recent_tariffs)
    return {"name": await names.name(code), "tariff": await tariffs.tariff(code)}


@app.post("/voyages/legs")
async def legs(stops: list[str], request: Request) -> list[dict]:
    planner = LegPlanner(request.app.state.routing, {})
    return [await planner.leg(a, b) for a, b in zip(stops, stops[1:])]
