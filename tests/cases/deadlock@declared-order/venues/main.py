"""Seat map API: layout and price caches guarded by two locks."""
from fastapi import FastAPI

from venues.seatmap import SeatMap

app = FastAPI()
seatmap = SeatMap()


@app.post("/venues/{venue_id}/refresh")
async def refresh(venue_id: int) -> None:
    await seatmap.refresh(venue_id)


@app.post("/events/{event_id}/reprice")
async def reprice(event_id: int, venue_id: int) -> None:
    await seatmap.reprice(event_id, venue_id)
