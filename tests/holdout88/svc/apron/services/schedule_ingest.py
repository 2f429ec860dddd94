"""Flight schedule ingest: HTTP polling of the ops feed, the daily SSIM file and queued movement events."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apron.clients.airline_ops import AirlineOpsClient
from apron.repositories.flights import FlightRepository
from apron.services.apron_map import ApronMapHub
from apron.utils.ssim import parse_ssim
from apron.utils.timeutil import utcnow

log = logging.getLogger(__name__)


def _parse_ts(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def movement_to_row(movement: dict[str, Any], airport: str) -> dict[str, Any]:
    return {
        "airline_code": movement["carrier"],
        "flight_number": movement["number"],
        "op_date": date.fromisoformat(movement["date"]),
        "airport": airport,
        "sta": _parse_ts(movement.get("sta")),
        "std": _parse_ts(movement.get("std")),
        "aircraft_type": movement.get("equipment", "A320"),
        "registration": movement.get("registration"),
    }


class ScheduleIngestService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        ops: AirlineOpsClient,
        redis: Redis,
        hub: ApronMapHub,
        airports: list[str],
        poll_interval_s: float,
    ) -> None:
        self._sf = session_factory
        self._ops = ops
        self._redis = redis
        self._hub = hub
        self._airports = airports
        self._poll_interval_s = poll_interval_s
        self._flight_ids: dict[str, int] = {}
        self._last_poll: dict[str, datetime] = {}

    async def poll_once(self, airport: str) -> int:
        started = utcnow()
        movements = await self._ops.fetch_movements(airport, self._last_poll.get(airport))
        rows = [movement_to_row(m, airport) for m in movements]
        async with self._sf() as session, session.begin():
            ids = await FlightRepository(session).upsert_many(rows)
        self._flight_ids.update(ids)
        self._last_poll[airport] = started
        await self._redis.set(f"ops:last_poll:{airport}", started.isoformat(), ex=3600)
        return len(rows)

    async def ingest_ssim(self, day: date) -> int:
        text = await self._ops.fetch_ssim(day)
        legs = parse_ssim(text, day)
        rows = [
            {
                "airline_code": leg.airline,
                "flight_number": leg.number,
                "op_date": day,
                "airport": leg.dep,
                "sta": None,
                "std": leg.std,
                "aircraft_type": leg.equipment,
                "registration": None,
            }
            for leg in legs
            if leg.dep in self._airports
        ]
        async with self._sf() as session, session.begin():
            ids = await FlightRepository(session).upsert_many(rows)
        self._flight_ids.update(ids)
        log.info("ssim for %s: %d legs, %d at our airports", day, len(legs), len(rows))
        return len(rows)

    async def handle_event(self, event: dict[str, Any]) -> None:
        key = f"{event['carrier']}{event['number']}/{event['date']}"
        flight_id = self._flight_ids.get(key)
        async with self._sf() as session, session.begin():
            repo = FlightRepository(session)
            if flight_id is None:
                ids = await repo.upsert_many([movement_to_row(event, event["airport"])])
                flight_id = ids[key]
                self._flight_ids[key] = flight_id
            await repo.set_estimates(flight_id, _parse_ts(event.get("eta")), _parse_ts(event.get("etd")))
        if event.get("stand"):
            await self._hub.publish(
                {"airport": event["airport"], "type": "movement", "stand": event["stand"], "flight": key}
            )

    async def run_polling(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            for airport in self._airports:
                try:
                    await self.poll_once(airport)
                except Exception:
                    log.exception("ops feed poll failed for %s", airport)
            try:
                await asyncio.wait_for(stop.wait(), timeout=self._poll_interval_s)
            except asyncio.TimeoutError:
                pass
