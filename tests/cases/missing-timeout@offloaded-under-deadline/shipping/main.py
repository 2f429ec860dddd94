"""Shipping API with a request deadline middleware."""
import asyncio

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shipping.address import AddressValidator
from shipping.rates import RateCard

app = FastAPI()
validator = AddressValidator("https://address.example.com/validate")
rates = RateCard("https://rates.example.com/card")


@app.middleware("http")
async def deadline(request: Request, call_next):
    try:
        return await asyncio.wait_for(call_next(request), timeout=10.0)
    except asyncio.TimeoutError:
        return JSONResponse({"error": "deadline"}, status_code=504)


@app.post("/shipments")
async def create_shipment(line1: str, postcode: str) -> dict:
    verdict = await validator.validate(line1, postcode)
    return {"valid": verdict["valid"]}


@app.get("/rates")
async def rate_card() -> dict:
    return await rates.current()
