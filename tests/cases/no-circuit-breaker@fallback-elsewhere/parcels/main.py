from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from parcels.partner import PartnerClient
from parcels.service import ParcelService


@asynccontextmanager
async def lifespan(app: FastAPI):
    partner = PartnerClient("https://partner.example.com")
    app.state.parcels = ParcelService(partner)
    yield
    await partner.close()


app = FastAPI(lifespan=lifespan)


@app.get("/price")
async def price(origin: str, destination: str, request: Request) -> str:
    return str(await request.app.state.parcels.price(origin, destination))


@app.get("/track/{reference}")
async def track(reference: str, request: Request) -> list[dict]:
    return await request.app.state.parcels.track(reference)
