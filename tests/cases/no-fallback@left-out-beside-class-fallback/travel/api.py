from __future__ import annotations

import aiohttp
from fastapi import FastAPI

from travel.audit import AuditService
from travel.clients import TariffClient, WeatherClient, WeatherDown
from travel.planner import FareQuoter, TripPlanner

app = FastAPI()
weather = WeatherClient("https://weather.example.com")
tariffs = TariffClient(aiohttp.ClientSession(base_url="https://tariffs.example.com",
                                             timeout=aiohttp.ClientTimeout(total=5)))
planner = TripPlanner(weather)
quoter = FareQuoter(tariffs)
audit = AuditService(weather, tariffs)
_last_sky: dict[str, dict] = {}
_last_rate: dict[str, float] = {}


@app.get("/admin/sheet/{city}")
async def admin_sheet(city: str, zone: str) -> dict:
    return await audit.city_sheet(city, zone)


@app.get("/sky/{city}")
async def sky(city: str) -> dict:
    try:
        found = await weather.forecast(city)
    except WeatherDown:
        return _last_sky.get(city, {"summary": "unknown"})
    _last_sky[city] = found
    return found


@app.get("/rate/{zone}")
async def rate(zone: str) -> dict:
    try:
        value = await tariffs.rate(zone)
    except aiohttp.ClientError:
        return {"zone": zone, "rate": _last_rate.get(zone), "stale": True}
    _last_rate[zone] = value
    return {"zone": zone, "rate": value}


@app.get("/outlook")
async def outlook(cities: str) -> dict:
    return await planner.outlook(cities.split(","))


@app.get("/plan/{city}")
async def plan(city: str) -> dict:
    return await planner.day_plan(city)


@app.get("/quote/{zone}")
async def quote(zone: str, km: float) -> dict:
    return {"fare": await quoter.quote(zone, km), "zones": await quoter.zone_table()}
