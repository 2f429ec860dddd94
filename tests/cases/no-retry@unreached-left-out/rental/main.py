from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from rental.bookings import BookingService
from rental.deposits import DepositClient, FleetClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    deposits = DepositClient("https://processor.example.com")
    app.state.services = {"booking": lambda: BookingService(deposits)}
    app.state.fleet = FleetClient("https://fleet.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/bookings/{booking_id}/reserve")
async def reserve(booking_id: int, card_token: str, cents: int, request: Request) -> dict:
    service = request.app.state.services["booking"]()
    return {"hold": await service.reserve(booking_id, card_token, cents)}


@app.get("/vehicles/{vehicle_id}")
async def vehicle(vehicle_id: str, request: Request) -> dict:
    return await request.app.state.fleet.vehicle(vehicle_id)


@app.get("/vehicles/{vehicle_id}/position")
async def position(vehicle_id: str, request: Request) -> dict:
    return await request.app.state.fleet.position(vehicle_id)
