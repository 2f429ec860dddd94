from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from shipping.carrier import CarrierClient
from shipping.rates import RatesClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    carrier_http = httpx.AsyncClient(base_url="https://carrier.example.com", timeout=10.0)
    rates_http = httpx.AsyncClient(base_url="https://rates.example.com", timeout=5.0)
    app.state.carrier = CarrierClient(carrier_http)
    app.state.rates = RatesClient(rates_http)
    yield
    await carrier_http.aclose()
    await rates_http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/shipments/{shipment_id}/label")
async def label(shipment_id: int, key: str, request: Request) -> dict:
    return await request.app.state.carrier.create_label(shipment_id, key)


@app.delete("/labels/{label_id}")
async def void(label_id: str, request: Request) -> None:
    await request.app.state.carrier.void_label(label_id)


@app.get("/labels/{label_id}/events")
async def tracking(label_id: str, request: Request) -> dict:
    return await request.app.state.carrier.track(label_id)


@app.get("/zones")
async def zones(request: Request) -> list[str]:
    return await request.app.state.rates.zones()


@app.get("/quotes")
async def quote(origin: str, destination: str, grams: int, request: Request) -> dict:
    return await request.app.state.rates.quote(origin, destination, grams)


@app.post("/quotes/{quote_id}/book")
async def book(quote_id: str, key: str, request: Request) -> dict:
    return await request.app.state.rates.book(quote_id, key)


@app.post("/quotes/{quote_id}/feedback")
async def feedback(quote_id: str, text: str, request: Request) -> None:
    await request.app.state.rates.feedback(quote_id, text)
