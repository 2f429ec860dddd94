"""Meter value parsing: OCPP MeterValues payloads and bulk meter logs uploaded by field technicians."""
from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from svc.db.repositories.telemetry import TelemetryRepository
from svc.utils.timeutil import parse_ocpp_timestamp

ENERGY = "Energy.Active.Import.Register"
POWER = "Power.Active.Import"
SOC = "SoC"


@dataclass(frozen=True, slots=True)
class MeterReading:
    chargepoint_id: str
    connector_no: int
    session_id: int | None
    measurand: str
    value: float
    unit: str
    measured_at: datetime

    def as_row(self) -> tuple[Any, ...]:
        return (
            self.session_id,
            self.chargepoint_id,
            self.connector_no,
            self.measurand,
            self.value,
            self.unit,
            self.measured_at,
        )

    @classmethod
    def from_csv(cls, chargepoint_id: str, row: dict[str, str]) -> MeterReading:
        return cls(
            chargepoint_id=chargepoint_id,
            connector_no=int(row["connector"]),
            session_id=int(row["session_id"]) if row.get("session_id") else None,
            measurand=row.get("measurand") or ENERGY,
            value=float(row["value"]),
            unit=row.get("unit") or "Wh",
            measured_at=parse_ocpp_timestamp(row["timestamp"]),
        )


def iter_readings(chargepoint_id: str, payload: dict[str, Any], session_id: int | None = None) -> Iterator[MeterReading]:
    """Flatten an OCPP 1.6 MeterValues.req into one reading per sampled value."""
    connector_no = int(payload.get("connectorId", 0))
    for meter_value in payload.get("meterValue", []):
        measured_at = parse_ocpp_timestamp(meter_value["timestamp"])
        for sample in meter_value.get("sampledValue", []):
            measurand = sample.get("measurand", ENERGY)
            unit = sample.get("unit", "Wh")
            value = float(sample["value"])
            if unit == "kWh":
                value, unit = value * 1000.0, "Wh"
            elif unit == "kW":
                value, unit = value * 1000.0, "W"
            yield MeterReading(chargepoint_id, connector_no, session_id, measurand, value, unit, measured_at)


def parse_meter_log(chargepoint_id: str, raw: bytes) -> list[MeterReading]:
    return [MeterReading.from_csv(chargepoint_id, r) for r in csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")))]


async def import_meter_log(telemetry: TelemetryRepository, chargepoint_id: str, raw: bytes) -> int:
    """Back-fill readings a charge point stored while it was offline (gzip CSV export from the vendor tool)."""
    readings = parse_meter_log(chargepoint_id, raw)
    await telemetry.insert_batch([reading.as_row() for reading in readings])
    return len(readings)
