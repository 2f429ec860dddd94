from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from uuid import UUID

import aiohttp
import structlog

from homegrid.clients.push import send_sms
from homegrid.clients.utility_api import UtilityApiClient
from homegrid.errors import Conflict, ValidationFailed
from homegrid.models import Device, DeviceKind
from homegrid.models import DREvent, DREventIn, EventPerformance, Participation, UtilityEventFeedItem
from homegrid.repositories.commands import CommandRepository
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.dr_events import DREventRepository
from homegrid.repositories.households import HouseholdRepository
from homegrid.repositories.telemetry import TelemetryRepository
from homegrid.services.command_dispatch import CommandDispatcher
from homegrid.services.preferences import PreferenceService
from homegrid.utils.ids import new_correlation_id
from homegrid.utils.timeutil import utcnow

log = structlog.get_logger(__name__)

CURTAIL_KINDS = [DeviceKind.heat_pump.value, DeviceKind.ev_charger.value, DeviceKind.battery.value]


def curtailment_payload(device: Device, event: DREvent) -> dict:
    if device.kind is DeviceKind.battery:
        return {"mode": "discharge", "until": event.ends_at.isoformat()}
    if device.kind is DeviceKind.ev_charger:
        return {"mode": "pause", "until": event.ends_at.isoformat()}
    return {"mode": "setback", "delta_c": -1.5, "until": event.ends_at.isoformat()}


class DemandResponseService:
    def __init__(
        self,
        events: DREventRepository,
        households: HouseholdRepository,
        devices: DeviceRepository,
        commands: CommandRepository,
        dispatcher: CommandDispatcher,
        utility: UtilityApiClient,
        preferences: PreferenceService,
        telemetry: TelemetryRepository,
    ) -> None:
        self.events = events
        self.households = households
        self.devices = devices
        self.commands = commands
        self.dispatcher = dispatcher
        self.utility = utility
        self.preferences = preferences
        self.telemetry = telemetry

    async def receive_event(self, utility_id: str, data: DREventIn) -> DREvent:
        if data.ends_at <= data.starts_at:
            raise ValidationFailed("event ends before it starts")
        event = await self.events.upsert(utility_id, data)
        log.info("dr_event_received", event_id=str(event.id), region=event.region)
        return event

    async def enroll(self, event: DREvent, household_id: UUID) -> Participation:
        existing = await self.events.get_participation(event.id, household_id)
        if existing is not None:
            return existing
        prefs = await self.preferences.effective(household_id)
        if not prefs.dr_auto_opt_in:
            raise Conflict("household has not opted in to demand response")
        return await self.events.insert_participation(event.id, household_id)

    async def enroll_region(self, event: DREvent) -> int:
        households = await self.households.list_for_region(event.utility_id, event.region)
        opted_in = await self.preferences.auto_opt_in_ids([h.id for h in households])
        enrolled = await self.events.enroll_households(event.id, opted_in)
        try:
            await self.utility.acknowledge_event(event.utility_id, event.external_id, enrolled)
        except aiohttp.ClientError:
            pass
        return enrolled

    def opt_out_deadline(self, event: DREvent) -> datetime:
        return event.starts_at + timedelta(minutes=event.opt_out_minutes)

    async def opt_out(self, event_id: UUID, household_id: UUID) -> bool:
        event = await self.events.get(event_id)
        now = utcnow()
        if now > self.opt_out_deadline(event):
            raise Conflict("opt-out window has closed")
        return await self.events.opt_out(event.id, household_id, now)

    async def dispatch(self, event: DREvent) -> int:
        household_ids = await self.events.enrolled_households(event.id)
        devices = await self.devices.list_for_households(household_ids, CURTAIL_KINDS)
        by_id = {d.id: d for d in devices}
        commands = await self.commands.create_many(
            [(d.id, event.id, "curtail", curtailment_payload(d, event), new_correlation_id()) for d in devices]
        )
        await asyncio.gather(*(self.dispatcher.send(c, by_id[c.device_id]) for c in commands))
        await self.events.set_status(event.id, "active")
        return len(commands)

    async def warn_households(self, event: DREvent, phones: dict[UUID, str]) -> None:
        for phone in phones.values():
            body = (
                f"Demand response event {event.starts_at:%H:%M}-{event.ends_at:%H:%M}: "
                "your heat pump and EV charging will be reduced. Reply STOP to opt out."
            )
            send_sms(phone, body)

    async def acknowledgement_summary(self, event_id: UUID) -> dict[str, dict[str, int]]:
        commands = await self.commands.list_for_event(event_id)
        summary: dict[str, dict[str, int]] = {}
        for command in commands:
            device = await self.devices.get(command.device_id)
            bucket = summary.setdefault(device.kind.value, {"acked": 0, "pending": 0, "failed": 0})
            if command.status == "acked":
                bucket["acked"] += 1
            elif command.status == "failed":
                bucket["failed"] += 1
            else:
                bucket["pending"] += 1
        return summary

    async def poll_utility(self, utility_id: str) -> int:
        items = await self.utility.fetch_events(utility_id)
        received = 0
        for raw in items:
            item = UtilityEventFeedItem(**raw)
            if item.ends_at <= utcnow():
                continue
            await self.events.upsert(utility_id, item.to_event_in())
            received += 1
        return received

    async def measure(self, event: DREvent) -> list[EventPerformance]:
        household_ids = await self.events.enrolled_households(event.id)
        if not household_ids:
            return []
        duration = event.ends_at - event.starts_at
        baseline_start = event.starts_at - timedelta(days=7)
        baseline = await self.telemetry.average_power_by_household(
            household_ids, baseline_start, baseline_start + duration
        )
        observed = await self.telemetry.average_power_by_household(
            household_ids, event.starts_at, event.ends_at
        )
        return [
            EventPerformance(
                event_id=event.id, household_id=hid,
                baseline_kw=baseline.get(hid, 0.0), observed_kw=observed.get(hid, 0.0),
            )
            for hid in household_ids
            if hid in baseline
        ]

    async def report_performance(self, event: DREvent, results: list[EventPerformance]) -> float:
        delivered = sum(r.delivered_kw for r in results)
        try:
            await self.utility.report_performance(event.utility_id, event.external_id, delivered)
        except Exception:
            log.exception("dr_performance_report_failed", event_id=str(event.id))
            raise
        return delivered
