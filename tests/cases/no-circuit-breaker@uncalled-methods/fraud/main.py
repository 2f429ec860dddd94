from contextlib import asynccontextmanager

from fastapi import FastAPI

from fraud.clients import AddressClient, FraudClient, GeoClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.fraud = FraudClient("https://fraud.example.com")
    app.state.address = AddressClient("https://address.example.com")
    app.state.geo = GeoClient("https://geo.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
