"""Fleet reports built with pandas inside the handlers."""
import asyncio

import pandas as pd
from fastapi import APIRouter

router = APIRouter()


async def _trips(day: str) -> list[dict]:
    await asyncio.sleep(0)
    return []


def _utilisation(rows: list[dict]) -> list[dict]:
    frame = pd.DataFrame(rows)
    return frame.groupby("vehicle").agg({"km": "sum"}).reset_index().to_dict("records")


@router.get("/fuel")
async def fuel(day: str) -> list[dict]:
    rows = await _trips(day)
    frame = pd.DataFrame.from_records(rows)
    frame["litres_per_100"] = frame["litres"] / frame["km"] * 100
    table = frame.pivot_table(index="depot", columns="model", values="litres_per_100")  # expect: blocking-cpu-in-async
    return table.reset_index().to_dict("records")


@router.get("/idle")
async def idle(day: str) -> list[dict]:
    trips = pd.DataFrame(await _trips(day))
    stops = pd.DataFrame.from_dict({"vehicle": [], "idle_min": []})
    joined = trips.merge(stops, on="vehicle")  # expect: blocking-cpu-in-async
    return joined.to_dict("records")


@router.get("/utilisation")
async def utilisation(day: str) -> list[dict]:
    rows = await _trips(day)
    return await asyncio.to_thread(_utilisation, rows)
