"""Coverage API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from coverage.payer import PayerClient
from coverage.pharmacy import PharmacyClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.payer = PayerClient("https://payer.example.com")
    app.state.pharmacy = PharmacyClient("https://pharmacy.example.com")
    yield
    await app.state.payer.aclose()
    await app.state.pharmacy.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/eligibility/{payer_id}/{member_id}")
async def eligibility(payer_id: str, member_id: str, request: Request) -> dict:
    return {"eligible": await request.app.state.payer.eligibility(payer_id, member_id)}


@app.get("/payers")
async def payers(request: Request) -> list[dict]:
    return await request.app.state.payer.payers()


@app.get("/stock/{drug}")
async def stock(drug: str, request: Request) -> dict:
    return {"units": await request.app.state.pharmacy.stock(drug)}


@app.post("/reservations")
async def reserve(drug: str, units: int, request: Request) -> dict:
    return {"id": await request.app.state.pharmacy.reserve(drug, units)}
