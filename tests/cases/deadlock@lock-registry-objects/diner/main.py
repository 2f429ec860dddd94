"""Diner API."""
from fastapi import FastAPI

from diner.services.bookings import Bookings
from diner.services.seating import Seating

app = FastAPI()
seating = Seating()
bookings = Bookings()


@app.post("/tables/{table_id}/seat/{booking_id}")
async def seat(table_id: str, booking_id: str) -> dict[str, bool]:
    await seating.seat(table_id, booking_id)
    return {"ok": True}


@app.post("/tables/{table_id}/clear/{booking_id}")
async def clear(table_id: str, booking_id: str) -> dict[str, bool]:
    await seating.clear(table_id, booking_id)
    return {"ok": True}


@app.post("/bookings/{booking_id}/move/{table_id}")
async def move(booking_id: str, table_id: str) -> dict[str, bool]:
    await bookings.move(booking_id, table_id)
    return {"ok": True}


@app.post("/guests/{guest_id}/greet/{booking_id}")
async def greet(guest_id: str, booking_id: str) -> dict[str, bool]:
    await seating.greet(guest_id, booking_id)
    await bookings.rename(guest_id, booking_id)
    return {"ok": True}
