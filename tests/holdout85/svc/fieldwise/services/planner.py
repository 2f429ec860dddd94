"""Turns soil-moisture deficits into irrigation plans."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from fieldwise.db.models import Field
from fieldwise.utils.agronomy import liters_for_deficit, moisture_deficit_mm

FIELD_CAPACITY_PCT = 32.0
ROOT_DEPTH_MM = {"corn": 900.0, "wheat": 1000.0, "potato": 450.0, "vineyard": 1200.0}


@dataclass
class PlanItem:
    field_id: int
    valve_id: str
    start_at: datetime
    duration_min: int
    liters: Decimal


def build_schedule(field: Field, valve_ids: list[str], moisture_pct: float, start: datetime,
                   days: int = 3, flow_lpm: float = 450.0) -> list[PlanItem]:
    depth = ROOT_DEPTH_MM.get(field.crop_type or "", 600.0)
    deficit = moisture_deficit_mm(moisture_pct, FIELD_CAPACITY_PCT, depth)
    if deficit <= 0 or not valve_ids:
        return []
    total_l = liters_for_deficit(deficit, field.area_ha)
    per_day = total_l / days
    per_valve = per_day / len(valve_ids)
    minutes = max(5, int(per_valve / flow_lpm))
    items = []
    for day in range(days):
        for i, valve in enumerate(valve_ids):
            items.append(
                PlanItem(field.id, valve, start + timedelta(days=day, minutes=i * minutes), minutes,
                         Decimal(str(round(per_valve, 2))))
            )
    return items
