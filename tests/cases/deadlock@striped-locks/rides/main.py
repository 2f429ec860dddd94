"""Ride API."""
from fastapi import FastAPI

from rides.matcher import Dispatcher, Matcher

app = FastAPI()
matcher = Matcher()
dispatcher = Dispatcher()


@app.post("/rides/{ride_id}/assign/{driver_id}")
async def assign(ride_id: int, driver_id: int) -> None:
    await matcher.assign(ride_id, driver_id)
    await dispatcher.release(ride_id, driver_id)


@app.post("/drivers/{driver_id}/offline")
async def offline(driver_id: int, ride_ids: list[int]) -> None:
    await matcher.driver_went_offline(driver_id, ride_ids)
    await dispatcher.swap(ride_ids[0], ride_ids[1], driver_id)
