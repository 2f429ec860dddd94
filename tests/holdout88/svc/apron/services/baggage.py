"""Baggage tracking: handheld tag scans, belt loading, transfer bags between flights."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apron.errors import Conflict, NotFound
from apron.models import Bag
from apron.repositories.bags import BagRepository
from apron.repositories.flights import FlightRepository
from apron.services.alerts import AlertManager
from apron.settings import Settings
from apron.utils.csvexport import write_manifest_csv
from apron.utils.iata import parse_tag
from apron.utils.locks import KeyedLocks
from apron.utils.timeutil import minutes_between

log = logging.getLogger(__name__)

_device_scan_counts: dict[str, int] = {}


def device_scan_counts() -> dict[str, int]:
    return dict(_device_scan_counts)


class BaggageService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        alerts: AlertManager,
        locks: KeyedLocks,
        settings: Settings,
    ) -> None:
        self._sf = session_factory
        self._redis = redis
        self._alerts = alerts
        self._locks = locks
        self._settings = settings

    async def record_scan(self, tag: str, location: str, device_id: str, at: datetime) -> Bag | None:
        info = parse_tag(tag)
        async with self._sf() as session, session.begin():
            repo = BagRepository(session)
            bag = await repo.get_by_tag(tag)
            await repo.add_scan(bag.id if bag else None, tag, location, device_id, at)
            if bag is not None and location.startswith("HOLD"):
                await repo.set_status(bag.id, "LOADED")
        if bag is None:
            log.warning("scan of unknown tag %s (carrier %s) at %s", tag, info.carrier, location)
        _device_scan_counts[device_id] = _device_scan_counts.get(device_id, 0) + 1
        key = f"scans:{location}:{at:%Y%m%d}"
        count = int(await self._redis.get(key) or 0)
        await self._redis.set(key, count + 1, ex=2 * 86400)
        return bag

    async def tag_history(self, tag: str) -> list[dict[str, Any]] | None:
        async with self._sf() as session:
            repo = BagRepository(session)
            bag = await repo.get_by_tag_number(tag)
            if bag is None:
                return None
            scans = await repo.history_for_tag(tag)
        return [{"location": s.location, "device": s.device_id, "at": s.scanned_at.isoformat()} for s in scans]

    async def check_transfers(self, onward_flight_id: int) -> list[str]:
        async with self._sf() as session:
            flights = FlightRepository(session)
            onward = await flights.get(onward_flight_id)
            if onward is None:
                raise NotFound(f"flight {onward_flight_id}")
            bags = await BagRepository(session).transfers_onto(onward_flight_id)
            inbound = await flights.get_many({b.flight_id for b in bags})
        departure = onward.etd or onward.std
        at_risk = []
        for bag in bags:
            arrival_flight = inbound.get(bag.flight_id)
            if arrival_flight is None:
                continue
            arrival = arrival_flight.eta or arrival_flight.sta
            if minutes_between(arrival, departure) < self._settings.min_connect_minutes:
                at_risk.append(bag.tag_number)
        if at_risk:
            self._alerts.raise_alert(
                onward.airport, "transfer_at_risk", f"{len(at_risk)} bags at risk for {onward.key}", page=True
            )
        return at_risk

    async def export_manifest(self, flight_id: int) -> Path:
        async with self._sf() as session:
            repo = BagRepository(session)
            bags = await repo.bags_for_flight(flight_id)
            rows = []
            for bag in bags:
                last = await repo.scans_for(bag.id, limit=1)
                rows.append(
                    {
                        "tag_number": bag.tag_number,
                        "status": bag.status,
                        "last_location": last[0].location if last else "",
                        "last_scan": last[0].scanned_at.isoformat() if last else "",
                        "onward_flight": bag.onward_flight_id or "",
                    }
                )
        path = Path(self._settings.export_dir) / f"manifest-{flight_id}.csv"
        write_manifest_csv(path, rows)
        return path

    async def reconcile_loaded(self, flight_id: int, scanned_tags: Sequence[str]) -> dict[str, list[str]]:
        """Compare the hold scan list from the loading team with the bags checked onto the flight."""
        async with self._sf() as session:
            bags = await BagRepository(session).bags_for_flight(flight_id)
        scanned = list(scanned_tags)
        missing = [bag.tag_number for bag in bags if bag.tag_number not in scanned]
        expected = {bag.tag_number for bag in bags}
        unexpected = [tag for tag in scanned_tags if tag not in expected]
        return {"missing": missing, "unexpected": unexpected}

    async def transfer_bag(self, tag: str, from_flight_id: int, to_flight_id: int) -> None:
        first, second = sorted((from_flight_id, to_flight_id))
        async with self._locks.get(f"flight-bags:{first}"), self._locks.get(f"flight-bags:{second}"):
            async with self._sf() as session, session.begin():
                repo = BagRepository(session)
                bag = await repo.get_by_tag_number(tag)
                if bag is None:
                    raise NotFound(f"bag {tag}")
                if bag.flight_id != from_flight_id:
                    raise Conflict(f"bag {tag} is not on flight {from_flight_id}")
                await repo.move_to_flight(bag.id, to_flight_id)
