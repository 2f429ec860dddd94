"""Charging session lifecycle (start/stop from OCPP) and the driver-facing session history."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ChargingSession, Connector
from svc.db.repositories.catalog import ChargePointRepository
from svc.db.repositories.reservations import ReservationRepository
from svc.db.repositories.sessions import SessionRepository
from svc.db.repositories.telemetry import TelemetryRepository
from svc.errors import ConflictError, NotFoundError
from svc.services.feeds import SessionEventPublisher
from svc.services.telemetry import ENERGY, POWER, SOC, MeterReading
from svc.utils.timeutil import minutes_between

log = logging.getLogger(__name__)

IDLE_POWER_W = 50.0


@dataclass
class LiveTransaction:
    transaction_id: int
    session_id: int
    connector_id: int
    meter_start_wh: int
    started_at: datetime
    last_meter_wh: int
    power_w: float = 0.0
    soc: int | None = None
    charging_ended_at: datetime | None = None


class SessionTracker:
    """Live view of the transactions running on charge points connected to this node."""

    def __init__(self) -> None:
        self._live: dict[int, LiveTransaction] = {}

    def open(
        self, transaction_id: int, *, session_id: int, connector_id: int, meter_start_wh: int, started_at: datetime
    ) -> None:
        self._live[transaction_id] = LiveTransaction(
            transaction_id=transaction_id,
            session_id=session_id,
            connector_id=connector_id,
            meter_start_wh=meter_start_wh,
            started_at=started_at,
            last_meter_wh=meter_start_wh,
        )

    def update(self, transaction_id: int, readings: Sequence[MeterReading]) -> LiveTransaction | None:
        live = self._live.get(transaction_id)
        if live is None:
            return None
        for reading in readings:
            if reading.measurand == ENERGY:
                live.last_meter_wh = int(reading.value)
            elif reading.measurand == POWER:
                live.power_w = reading.value
                if reading.value < IDLE_POWER_W and live.charging_ended_at is None:
                    live.charging_ended_at = reading.measured_at
                elif reading.value >= IDLE_POWER_W:
                    live.charging_ended_at = None
            elif reading.measurand == SOC:
                live.soc = int(reading.value)
        return live

    def get(self, transaction_id: int) -> LiveTransaction | None:
        return self._live.get(transaction_id)

    def finish(self, transaction_id: int) -> LiveTransaction | None:
        return self._live.pop(transaction_id, None)


class SessionService:
    def __init__(self, db: AsyncSession, *, tracker: SessionTracker, events: SessionEventPublisher) -> None:
        self._db = db
        self._sessions = SessionRepository(db)
        self._chargepoints = ChargePointRepository(db)
        self._reservations = ReservationRepository(db)
        self._tracker = tracker
        self._events = events

    async def start_session(
        self,
        *,
        chargepoint_id: str,
        connector_no: int,
        id_tag: str,
        meter_start: int,
        timestamp: datetime,
        driver_id: int | None,
        roaming_party: str | None = None,
    ) -> ChargingSession:
        connector = await self._chargepoints.get_connector_for_update(chargepoint_id, connector_no)
        if connector is None:
            raise NotFoundError(f"connector {chargepoint_id}/{connector_no} not found")
        if connector.status not in ("Available", "Preparing", "Reserved"):
            raise ConflictError(f"connector {chargepoint_id}/{connector_no} is {connector.status}")
        reservation = await self._reservations.find_active(connector.id)
        if reservation is not None and reservation.driver_id != driver_id:
            raise ConflictError("connector is reserved for another driver")
        if reservation is not None:
            await self._reservations.set_status(reservation.id, "used")
        session = ChargingSession(
            transaction_id=await self._sessions.next_transaction_id(),
            chargepoint_id=chargepoint_id,
            connector_id=connector.id,
            driver_id=driver_id,
            id_tag=id_tag.upper(),
            tariff_id=connector.tariff_id,
            meter_start_wh=meter_start,
            started_at=timestamp,
            roaming_party=roaming_party,
        )
        await self._sessions.add(session)
        connector.status = "Charging"
        self._tracker.open(
            session.transaction_id,
            session_id=session.id,
            connector_id=connector.id,
            meter_start_wh=meter_start,
            started_at=timestamp,
        )
        chargepoint = await self._chargepoints.get(chargepoint_id)
        await self._events.publish(
            "session.started",
            {
                "site_id": chargepoint.site_id if chargepoint else 0,
                "transaction_id": session.transaction_id,
                "chargepoint_id": chargepoint_id,
                "connector_no": connector_no,
                "max_kw": connector.max_kw,
            },
        )
        return session

    async def stop_session(self, *, transaction_id: int, meter_stop: int, timestamp: datetime, reason: str) -> ChargingSession:
        session = await self._sessions.get_by_transaction(transaction_id)
        if session is None:
            raise NotFoundError(f"transaction {transaction_id} not found")
        if session.status != "active":
            return session
        live = self._tracker.finish(transaction_id)
        idle_minutes = 0
        if live is not None and live.charging_ended_at is not None:
            idle_minutes = int(minutes_between(live.charging_ended_at, timestamp))
        await self._sessions.mark_stopped(
            session.id, meter_stop_wh=meter_stop, stopped_at=timestamp, reason=reason, idle_minutes=idle_minutes
        )
        connector = await self._db.get(Connector, session.connector_id)
        if connector is not None:
            connector.status = "Finishing"
        await self._db.refresh(session)
        chargepoint = await self._chargepoints.get(session.chargepoint_id)
        await self._events.publish(
            "session.stopped",
            {
                "transaction_id": transaction_id,
                "chargepoint_id": session.chargepoint_id,
                "site_id": chargepoint.site_id if chargepoint else 0,
            },
        )
        return session


class SessionSummary(BaseModel):
    id: int
    chargepoint_id: str
    started_at: datetime
    stopped_at: datetime | None
    energy_wh: int
    cost_cents: int | None
    currency: str | None = None
    status: str

    @classmethod
    def build(cls, session: ChargingSession, energy_wh: int, *, currency: str | None = None) -> SessionSummary:
        return cls(
            id=session.id,
            chargepoint_id=session.chargepoint_id,
            started_at=session.started_at,
            stopped_at=session.stopped_at,
            energy_wh=energy_wh,
            cost_cents=session.cost_cents,
            currency=currency,
            status=session.status,
        )


class SessionHistoryService:
    """What the driver app shows under "My sessions"."""

    def __init__(self, db: AsyncSession, telemetry: TelemetryRepository) -> None:
        self._sessions = SessionRepository(db)
        self._telemetry = telemetry

    async def history_for_driver(
        self, driver_id: int, *, before_id: int | None = None, limit: int = 50
    ) -> list[SessionSummary]:
        sessions = await self._sessions.list_for_driver(driver_id, before_id=before_id, limit=limit)
        summaries: list[SessionSummary] = []
        for s in sessions:
            energy_wh = await self._telemetry.session_energy_wh(s.id)
            summaries.append(SessionSummary.build(s, energy_wh))
        return summaries

    async def history_with_costs(
        self, driver_id: int, *, before_id: int | None = None, limit: int = 50
    ) -> list[SessionSummary]:
        sessions = await self._sessions.list_for_driver_with_tariffs(driver_id, before_id=before_id, limit=limit)
        energies = await self._telemetry.session_energies([s.id for s in sessions])
        return [SessionSummary.build(s, energies.get(s.id, 0), currency=s.tariff.currency) for s in sessions]
