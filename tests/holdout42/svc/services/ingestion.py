from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
import datetime as dt
from decimal import Decimal, InvalidOperation
import functools
import gzip
import json
import logging
from typing import Any

from svc.errors import InvalidReading
from svc.redis_client import Publisher
from svc.repos.accounts import MetersRepo
from svc.repos.readings import ReadingsRepo
from svc.utils.metrics import READINGS_INGESTED, READINGS_REJECTED
from svc.utils.ratelimit import check_gateway_rate

logger = logging.getLogger(__name__)

INLINE_DECODE_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class RawReading:
    serial: str
    read_at: dt.datetime
    kwh: Decimal


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0


@functools.lru_cache(maxsize=None)
def _parse_ts(raw: str) -> dt.datetime:
    ts = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if ts.tzinfo is None:
        raise ValueError(f"naive timestamp {raw!r}")
    return ts.astimezone(dt.timezone.utc)


def parse_item(item: dict[str, Any]) -> RawReading:
    try:
        kwh = Decimal(str(item["kwh"]))
        if kwh < 0:
            raise ValueError("negative consumption")
        return RawReading(serial=str(item["serial"]), read_at=_parse_ts(item["ts"]), kwh=kwh)
    except (KeyError, ValueError, InvalidOperation):
        raise InvalidReading(f"malformed reading: {item!r}")


def parse_legacy_line(line: str) -> dict[str, Any] | None:
    """Old head-ends send `SERIAL;YYYYMMDDHHMM;KWH` lines."""
    try:
        serial, stamp, kwh = line.strip().split(";")
        ts = dt.datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=dt.timezone.utc)
        return {"serial": serial, "ts": ts.isoformat(), "kwh": kwh.replace(",", ".")}
    except:
        return None


def _decode_batch(body: bytes, gzipped: bool) -> list[dict[str, Any]]:
    if gzipped:
        body = gzip.decompress(body)
    doc = json.loads(body)
    return doc["readings"] if isinstance(doc, dict) else doc


class IngestionService:
    def __init__(self, meters: MetersRepo, readings: ReadingsRepo, publisher: Publisher) -> None:
        self._meters = meters
        self._readings = readings
        self._publisher = publisher

    async def decode(self, body: bytes, *, gzipped: bool, legacy: bool) -> list[dict[str, Any]]:
        if legacy:
            items = [parse_legacy_line(line) for line in body.decode("latin-1").splitlines() if line.strip()]
            return [i for i in items if i is not None]
        if len(body) <= INLINE_DECODE_LIMIT and not gzipped:
            return _decode_batch(body, gzipped)
        return await asyncio.to_thread(_decode_batch, body, gzipped)

    async def ingest_gateway_batch(self, gateway_id: str, items: list[dict[str, Any]]) -> IngestResult:
        check_gateway_rate(gateway_id)
        result = IngestResult()
        seen: list[tuple[str, dt.datetime]] = []
        per_account: dict[int, Decimal] = defaultdict(Decimal)
        for item in items:
            try:
                reading = parse_item(item)
                key = (reading.serial, reading.read_at)
                if key in seen:
                    result.duplicates += 1
                    continue
                seen.append(key)
                meter = await self._meters.get_by_serial(reading.serial)
                if meter is None or meter.gateway_id != gateway_id:
                    READINGS_REJECTED.labels(reason="unknown_meter").inc()
                    result.rejected += 1
                    continue
                existing = await self._readings.get_reading(meter.id, reading.read_at)
                if existing is not None:
                    result.duplicates += 1
                    continue
                kwh = reading.kwh * meter.multiplier
                await self._readings.insert(meter.id, reading.read_at, kwh, "actual", gateway_id)
                await self._readings.touch_meter(meter.id, reading.read_at)
                per_account[meter.account_id] += kwh
                result.accepted += 1
            except Exception:
                READINGS_REJECTED.labels(reason="invalid").inc()
                logger.warning("dropping reading from gateway %s", gateway_id)
                result.rejected += 1
        READINGS_INGESTED.labels(source="gateway").inc(result.accepted)
        for account_id, kwh in per_account.items():
            self._publisher.publish_nowait(f"live:{account_id}", {"kwh": str(kwh), "at": dt.datetime.now(dt.timezone.utc)})
        return result

    async def ingest_headend_file(self, items: list[dict[str, Any]]) -> IngestResult:
        """Bulk path for the head-end system's nightly file: already de-duplicated upstream."""
        result = IngestResult()
        parsed: list[RawReading] = []
        unique: set[tuple[str, dt.datetime]] = set()
        for item in items:
            try:
                reading = parse_item(item)
            except InvalidReading:
                result.rejected += 1
                continue
            if (reading.serial, reading.read_at) in unique:
                result.duplicates += 1
                continue
            unique.add((reading.serial, reading.read_at))
            parsed.append(reading)

        meters = await self._meters.get_many_by_serial(r.serial for r in parsed)
        rows = []
        for reading in parsed:
            meter = meters.get(reading.serial)
            if meter is None:
                result.rejected += 1
                continue
            rows.append((meter.id, reading.read_at, reading.kwh * meter.multiplier, "actual", None))
        for start in range(0, len(rows), 5000):
            await self._readings.insert_many(rows[start : start + 5000])
        result.accepted = len(rows)
        READINGS_INGESTED.labels(source="headend").inc(result.accepted)
        return result
