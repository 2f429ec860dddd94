"""Media API: reads the size table, never the worker's counters."""
from __future__ import annotations

from fastapi import FastAPI

from media.thumbnails import _SIZES

app = FastAPI()


@app.get("/sizes")
async def sizes() -> dict[str, int]:
    return dict(_SIZES)
