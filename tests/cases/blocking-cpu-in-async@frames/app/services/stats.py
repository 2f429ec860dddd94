"""Statistics over readings, with pandas."""
import asyncio

import pandas as pd

from app.repository import Readings

_LEVELS = pd.DataFrame([{"level": "low", "max": 10}, {"level": "high", "max": 100}])


def _profile(points: list[tuple]) -> list[dict]:
    frame = pd.DataFrame(points, columns=["ts", "value"])  # only ever run in an executor
    return frame.describe().to_dict("records")


class Stats:
    def __init__(self, readings: Readings) -> None:
        self._readings = readings

    async def summary(self, device_id: int) -> list[dict]:
        rows = await self._readings.window(device_id, limit=200_000)
        frame = pd.DataFrame.from_records([dict(r) for r in rows], columns=["ts", "value"])  # expect: blocking-cpu-in-async
        return frame.set_index("ts").resample("1h")["value"].mean().reset_index().to_dict("records")

    async def profile(self, device_id: int) -> list[dict]:
        rows = await self._readings.window(device_id, limit=500_000)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _profile, [(r["ts"], r["value"]) for r in rows])

    async def levels(self) -> list[dict]:
        empty = pd.DataFrame()
        table = pd.DataFrame({"level": ["low", "high"], "max": [10, 100]})
        return table.to_dict("records") + empty.to_dict("records") + _LEVELS.to_dict("records")
