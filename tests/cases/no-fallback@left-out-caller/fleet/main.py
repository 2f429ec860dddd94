"""Quote API."""
from __future__ import annotations

from fastapi import FastAPI

from .eta import pickup_eta, trip_eta

app = FastAPI()


@app.get("/quote")
async def quote(plat: float, plng: float, dlat: float, dlng: float, xlat: float, xlng: float) -> dict[str, int]:
    wait = await pickup_eta((xlat, xlng), (plat, plng))
    trip = await trip_eta((plat, plng), (dlat, dlng))
    return {"wait_s": wait, "trip_s": trip}
