"""Handlers for the OCPP 1.6 actions a charge point sends to the central system."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.roaming import RoamingHubClient
from svc.config import settings
from svc.db.repositories.catalog import ChargePointRepository
from svc.db.repositories.telemetry import TelemetryRepository
from svc.errors import RoamingUnavailable
from svc.observability import metrics
from svc.ratelimit import RedisRateLimiter
from svc.services.billing import BillingService
from svc.services.feeds import AuditLog, OperatorFeed, SessionEventPublisher
from svc.services.session_service import SessionService, SessionTracker
from svc.services.telemetry import iter_readings
from svc.services.token_auth import TokenAuthService
from svc.utils.timeutil import isoformat_z, parse_ocpp_timestamp, utcnow
from svc.workers.telemetry_ingest import IngestPipeline
from svc.ws.protocol import OcppCall, OcppProtocolError

log = logging.getLogger(__name__)

Handler = Callable[[str, dict[str, Any]], Awaitable[dict[str, Any]]]


class OcppDispatcher:
    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        token_auth: TokenAuthService,
        tracker: SessionTracker,
        pipeline: IngestPipeline,
        events: SessionEventPublisher,
        audit: AuditLog,
        rate_limiter: RedisRateLimiter,
        billing_factory: Callable[[AsyncSession], BillingService],
        operator_feed: OperatorFeed,
        telemetry: TelemetryRepository,
        roaming: RoamingHubClient,
    ) -> None:
        self._session_factory = session_factory
        self._token_auth = token_auth
        self._tracker = tracker
        self._pipeline = pipeline
        self._events = events
        self._audit = audit
        self._rate_limiter = rate_limiter
        self._billing_factory = billing_factory
        self._operator_feed = operator_feed
        self._telemetry = telemetry
        self._roaming = roaming
        self._handlers: dict[str, Handler] = {
            "BootNotification": self._boot,
            "Heartbeat": self._heartbeat,
            "StatusNotification": self._status,
            "Authorize": self._authorize,
            "StartTransaction": self._start,
            "StopTransaction": self._stop,
            "MeterValues": self._meter_values,
        }

    async def handle(self, chargepoint_id: str, call: OcppCall) -> dict[str, Any]:
        handler = self._handlers.get(call.action)
        if handler is None:
            raise OcppProtocolError("NotImplemented", f"{call.action} is not supported", call.unique_id)
        metrics.inc("ocpp_calls_total", action=call.action)
        return await handler(chargepoint_id, call.payload)

    async def _boot(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        now = isoformat_z(utcnow())
        if not await self._rate_limiter.allow(f"boot:{chargepoint_id}", limit=10, window_s=60):
            return {"status": "Rejected", "currentTime": now, "interval": 60}
        async with self._session_factory() as db, db.begin():
            chargepoint = await ChargePointRepository(db).get(chargepoint_id)
            if chargepoint is None:
                return {"status": "Rejected", "currentTime": now, "interval": 300}
            chargepoint.vendor = payload.get("chargePointVendor", chargepoint.vendor)
            chargepoint.model = payload.get("chargePointModel", chargepoint.model)
            chargepoint.firmware = payload.get("firmwareVersion", chargepoint.firmware)
            chargepoint.status = "Available"
        return {"status": "Accepted", "currentTime": now, "interval": settings.ocpp_heartbeat_interval}

    async def _heartbeat(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        now = utcnow()
        async with self._session_factory() as db, db.begin():
            await ChargePointRepository(db).touch_heartbeat(chargepoint_id, now)
        return {"currentTime": isoformat_z(now)}

    async def _status(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        connector_no = int(payload.get("connectorId", 0))
        status = payload["status"]
        error_code = payload.get("errorCode", "NoError")
        async with self._session_factory() as db, db.begin():
            if connector_no > 0:
                await ChargePointRepository(db).set_connector_status(chargepoint_id, connector_no, status)
        await self._telemetry.record_status(chargepoint_id, connector_no, status, error_code, utcnow())
        await self._operator_feed.publish(
            {"type": "status", "chargepoint_id": chargepoint_id, "connector": connector_no, "status": status}
        )
        if connector_no > 0:
            try:
                await self._roaming.push_evse_status(chargepoint_id, f"{chargepoint_id}*{connector_no}", status.upper())
            except RoamingUnavailable as exc:
                log.warning("could not publish status of %s/%s to roaming hub: %s", chargepoint_id, connector_no, exc)
        return {}

    async def _authorize(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        result = await self._token_auth.authorize(payload["idTag"], chargepoint_id=chargepoint_id)
        return {"idTagInfo": result.as_id_tag_info()}

    async def _start(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        auth = await self._token_auth.authorize(payload["idTag"], chargepoint_id=chargepoint_id)
        if auth.status != "Accepted":
            return {"transactionId": 0, "idTagInfo": auth.as_id_tag_info()}
        async with self._session_factory() as db, db.begin():
            service = SessionService(db, tracker=self._tracker, events=self._events)
            session = await service.start_session(
                chargepoint_id=chargepoint_id,
                connector_no=int(payload["connectorId"]),
                id_tag=payload["idTag"],
                meter_start=int(payload["meterStart"]),
                timestamp=parse_ocpp_timestamp(payload["timestamp"]),
                driver_id=auth.driver_id,
                roaming_party=auth.roaming_party,
            )
        return {"transactionId": session.transaction_id, "idTagInfo": auth.as_id_tag_info()}

    async def _stop(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with self._session_factory() as db, db.begin():
            service = SessionService(db, tracker=self._tracker, events=self._events)
            session = await service.stop_session(
                transaction_id=int(payload["transactionId"]),
                meter_stop=int(payload["meterStop"]),
                timestamp=parse_ocpp_timestamp(payload["timestamp"]),
                reason=payload.get("reason", "Local"),
            )
        asyncio.create_task(self._finalize(session.id))
        self._audit.record("session.stopped", subject=str(session.id), payload={"chargepoint_id": chargepoint_id})
        return {"idTagInfo": {"status": "Accepted"}}

    async def _finalize(self, session_id: int) -> None:
        async with self._session_factory() as db, db.begin():
            await self._billing_factory(db).finalize(session_id)

    async def _meter_values(self, chargepoint_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        transaction_id = payload.get("transactionId")
        current = self._tracker.get(int(transaction_id)) if transaction_id is not None else None
        readings = list(iter_readings(chargepoint_id, payload, current.session_id if current else None))
        self._pipeline.submit(readings)
        if transaction_id is not None:
            live = self._tracker.update(int(transaction_id), readings)
            if live is not None:
                await self._events.publish_live(
                    live.transaction_id,
                    {"energy_wh": live.last_meter_wh - live.meter_start_wh, "power_w": live.power_w, "soc": live.soc},
                )
        return {}
