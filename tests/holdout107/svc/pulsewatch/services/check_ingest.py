from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional
from uuid import UUID

import asyncpg
import structlog

from pulsewatch.repositories.check_results import CheckResult, CheckResultRepository
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.services.confirmation import ConfirmationService, RegionVote
from pulsewatch.services.incidents import IncidentService
from pulsewatch.services.live import LivePublisher

log = structlog.get_logger(__name__)


@dataclass(slots=True)
class IngestedResult:
    monitor_id: UUID
    ok: bool
    latency_ms: Optional[int]
    status_code: Optional[int]
    error: Optional[str]
    checked_at: datetime
    tls_not_after: Optional[str] = None


@dataclass(slots=True)
class IngestSummary:
    accepted: int
    opened: int
    resolved: int


class IngestService:
    def __init__(
        self,
        monitors: MonitorRepository,
        results: CheckResultRepository,
        maintenance: MaintenanceRepository,
        confirmation: ConfirmationService,
        incidents: IncidentService,
        live: LivePublisher,
    ) -> None:
        self._monitors = monitors
        self._results = results
        self._maintenance = maintenance
        self._confirmation = confirmation
        self._incidents = incidents
        self._live = live

    async def ingest(self, region: str, batch: list[IngestedResult]) -> IngestSummary:
        if not batch:
            return IngestSummary(0, 0, 0)
        await self._results.insert_many(
            [
                CheckResult(r.monitor_id, region, r.ok, r.latency_ms, r.status_code, r.error, r.checked_at)
                for r in batch
            ]
        )
        ids = {r.monitor_id for r in batch}
        monitors = {m["id"]: m for m in await self._monitors.get_many(ids)}
        states = await self._monitors.get_states(ids)
        in_maintenance = await self._maintenance.active_for_monitors(ids, batch[-1].checked_at)

        state_rows: list[tuple[UUID, str, int, datetime, Optional[int]]] = []
        votes: list[RegionVote] = []
        recovered: list[UUID] = []
        for result in batch:
            monitor = monitors.get(result.monitor_id)
            state = states.get(result.monitor_id)
            if monitor is None or state is None:
                continue
            previous_failures = state["consecutive_failures"]
            if result.ok:
                status, failures = "up", 0
                if state["status"] == "down":
                    recovered.append(result.monitor_id)
            else:
                failures = previous_failures + 1
                status = "maintenance" if result.monitor_id in in_maintenance else "down"
                if result.monitor_id not in in_maintenance:
                    votes.append(RegionVote(result.monitor_id, region, monitor["confirm_regions"]))
            state_rows.append((result.monitor_id, status, failures, result.checked_at, result.latency_ms))
            if status != state["status"]:
                await self._live.publish_monitor_status(monitor["org_id"], monitor["id"], status, result.latency_ms)
            if result.tls_not_after:
                try:
                    await self._monitors.record_tls_expiry(result.monitor_id, datetime.fromisoformat(result.tls_not_after))
                except (ValueError, asyncpg.PostgresError):
                    pass

        await self._monitors.write_states(state_rows)

        confirmed = await self._confirmation.record_failures(votes)
        await self._confirmation.record_recoveries(recovered, region)
        opened = resolved = 0
        regions_by_monitor = await self._confirmation.failing_regions_many(list(confirmed))
        for monitor_id in confirmed:
            regions = regions_by_monitor.get(monitor_id, {region})
            error = next((r.error for r in batch if r.monitor_id == monitor_id and r.error), "check failed")
            if await self._incidents.open_for_monitor(monitors[monitor_id], error, regions):
                opened += 1
        for monitor_id in recovered:
            if await self._incidents.resolve_for_monitor(monitors[monitor_id]):
                resolved += 1
        log.info("ingest.batch", region=region, size=len(batch), opened=opened, resolved=resolved)
        return IngestSummary(len(batch), opened, resolved)
