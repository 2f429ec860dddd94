"""A food-bank pantry API: donations prune stale holds at most once a day per process."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi import FastAPI

app = FastAPI()

_last_prune_at: datetime | None = None  # expect: global-mutable-state
_last_donor: str | None = None


async def _prune_stale_holds(*, now: datetime) -> None:
    global _last_prune_at
    if _last_prune_at is not None and now - _last_prune_at < timedelta(days=1):
        return
    _last_prune_at = now


def _remember_donor(donor: str) -> None:
    global _last_donor
    _last_donor = donor  # expect: global-mutable-state


@app.post("/donations")
async def donate(donor: str, kilos: float) -> dict:
    now = datetime.now(timezone.utc)
    await _prune_stale_holds(now=now)
    _remember_donor(donor)
    return {"donor": donor, "kilos": kilos}
