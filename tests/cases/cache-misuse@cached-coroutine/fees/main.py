"""Fees API."""
from fastapi import FastAPI

from fees.rates import delivery_fee

app = FastAPI()


@app.get("/fees/{zone}")
async def fee(zone: str, distance_km: int) -> dict[str, str]:
    return {"fee": str(await delivery_fee(zone, distance_km))}


@app.get("/couriers/{courier_id}")
async def courier(courier_id: str) -> dict[str, str]:
    from fees.store import courier_profile

    return await courier_profile(courier_id)
