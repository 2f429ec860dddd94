from __future__ import annotations

import csv
import io
from datetime import datetime

from ..schemas import TelemetryPoint


def parse_gateway_csv(text: str) -> list[TelemetryPoint]:
    """Gateways in the older firmware line upload 10-minute SCADA exports as CSV."""
    reader = csv.DictReader(io.StringIO(text))
    points: list[TelemetryPoint] = []
    for row in reader:
        ts = datetime.fromisoformat(row["timestamp"])
        asset_id = int(row["asset"])
        for column, raw in row.items():
            if column in ("timestamp", "asset") or raw in ("", None):
                continue
            points.append(TelemetryPoint(asset_id=asset_id, ts=ts, metric=column, value=float(raw)))
    return points
