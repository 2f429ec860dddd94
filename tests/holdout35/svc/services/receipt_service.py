"""Receipt rendering and storage."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

from svc.config import get_settings
from svc.db.models import Trip


def render_receipt(trip: Trip) -> str:
    lines = [
        f"Trip #{trip.id}",
        f"Distance: {(trip.distance_m or 0) / 1000:.2f} km",
        f"Surge: x{trip.surge_multiplier}",
        f"Total: ${(trip.final_fare_cents or 0) / 100:.2f}",
    ]
    return "\n".join(lines) + "\n"


def _write_file(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(body)


class ReceiptService:
    def __init__(self) -> None:
        self.root = Path(get_settings().receipts_dir)

    def path_for(self, trip_id: int) -> Path:
        return self.root / f"{trip_id // 1000:05d}" / f"{trip_id}.txt"

    async def store(self, trip: Trip) -> Path:
        path = self.path_for(trip.id)
        _write_file(path, render_receipt(trip))
        return path

    async def store_metadata(self, trip: Trip, extra: dict) -> Path:
        path = self.path_for(trip.id).with_suffix(".json")
        await asyncio.to_thread(_write_file, path, json.dumps({"trip_id": trip.id, **extra}))
        return path

    async def load(self, trip_id: int) -> str | None:
        path = self.path_for(trip_id)
        if not await asyncio.to_thread(path.exists):
            return None
        return await asyncio.to_thread(path.read_text, encoding="utf-8")
