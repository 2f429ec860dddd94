from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from atlas.memo import CarrierInfo, CountryInfo, PortNames

_http = httpx.AsyncClient(base_url="https://ref.example", timeout=5)


async def fetch_country(code: str) -> dict:
    return (await _http.get(f"/countries/{code}")).json()


async def fetch_port(locode: str) -> str:
    return (await _http.get(f"/ports/{locode}")).json()["name"]


async def fetch_carrier(scac: str) -> dict:
    return (await _http.get(f"/carriers/{scac}")).json()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.countries = CountryInfo(fetch_country)
    app.state.ports = PortNames(fetch_port)
    app.state.carriers = CarrierInfo(fetch_carrier)
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/shipments/{code}/{locode}/{scac}")
async def shipment(request: Request, code: str, locode: str, scac: str) -> dict:
    country = await request.app.state.countries.lookup(code)
    port = await request.app.state.ports.name_of(locode)
    carrier = await request.app.state.carriers.lookup(scac)
    return {"country": country, "port": port, "carrier": carrier}
