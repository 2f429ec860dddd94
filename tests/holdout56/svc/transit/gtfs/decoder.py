"""Decodes GTFS-realtime FeedMessages into plain records."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from google.protobuf.message import DecodeError
from google.transit import gtfs_realtime_pb2

from transit.utils.timeutil import from_epoch

logger = logging.getLogger(__name__)

SEVERITY_NAMES = {1: "UNKNOWN", 2: "INFO", 3: "WARNING", 4: "SEVERE"}


@dataclass(slots=True)
class VehicleRecord:
    vehicle_id: str
    trip_id: str | None
    route_id: str | None
    lat: float
    lon: float
    bearing: float | None
    speed: float | None
    recorded_at: datetime


@dataclass(slots=True)
class StopTimeRecord:
    trip_id: str
    route_id: str | None
    stop_id: str
    predicted_at: datetime | None
    delay_s: int | None
    schedule_relationship: str


@dataclass(slots=True)
class AlertRecord:
    alert_id: str
    severity: str
    header: str
    description: str
    route_ids: list[str]
    stop_ids: list[str]
    active_from: datetime | None
    active_until: datetime | None


@dataclass
class DecodedFeed:
    header_ts: datetime | None
    vehicles: list[VehicleRecord]
    stop_times: list[StopTimeRecord]
    alerts: list[AlertRecord]


def _text(translated) -> str:
    for t in translated.translation:
        if t.language in ("", "en"):
            return t.text
    return translated.translation[0].text if translated.translation else ""


def decode_feed(payload: bytes) -> DecodedFeed:
    """CPU-bound: a large operator feed is several MB and tens of thousands of entities."""
    message = gtfs_realtime_pb2.FeedMessage()
    try:
        message.ParseFromString(payload)
    except DecodeError as exc:
        raise ValueError("malformed GTFS-realtime payload") from exc

    vehicles: list[VehicleRecord] = []
    stop_times: list[StopTimeRecord] = []
    alerts: list[AlertRecord] = []
    for entity in message.entity:
        try:
            if entity.HasField("vehicle"):
                v = entity.vehicle
                vehicles.append(
                    VehicleRecord(
                        vehicle_id=v.vehicle.id or entity.id,
                        trip_id=v.trip.trip_id or None,
                        route_id=v.trip.route_id or None,
                        lat=v.position.latitude,
                        lon=v.position.longitude,
                        bearing=v.position.bearing if v.position.HasField("bearing") else None,
                        speed=v.position.speed if v.position.HasField("speed") else None,
                        recorded_at=from_epoch(v.timestamp or message.header.timestamp),
                    )
                )
            elif entity.HasField("trip_update"):
                tu = entity.trip_update
                for stu in tu.stop_time_update:
                    event = stu.arrival if stu.HasField("arrival") else stu.departure
                    stop_times.append(
                        StopTimeRecord(
                            trip_id=tu.trip.trip_id,
                            route_id=tu.trip.route_id or None,
                            stop_id=stu.stop_id,
                            predicted_at=from_epoch(event.time) if event.time else None,
                            delay_s=event.delay if event.HasField("delay") else None,
                            schedule_relationship=gtfs_realtime_pb2.TripUpdate.StopTimeUpdate.ScheduleRelationship.Name(
                                stu.schedule_relationship
                            ),
                        )
                    )
            elif entity.HasField("alert"):
                a = entity.alert
                period = a.active_period[0] if a.active_period else None
                alerts.append(
                    AlertRecord(
                        alert_id=entity.id,
                        severity=SEVERITY_NAMES.get(a.severity_level, "UNKNOWN"),
                        header=_text(a.header_text),
                        description=_text(a.description_text),
                        route_ids=sorted({ie.route_id for ie in a.informed_entity if ie.route_id}),
                        stop_ids=sorted({ie.stop_id for ie in a.informed_entity if ie.stop_id}),
                        active_from=from_epoch(period.start) if period and period.start else None,
                        active_until=from_epoch(period.end) if period and period.start else None,
                    )
                )
        except:
            continue

    header_ts = from_epoch(message.header.timestamp) if message.header.timestamp else None
    return DecodedFeed(header_ts, vehicles, stop_times, alerts)
