from __future__ import annotations

import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from jinja2 import Environment, PackageLoader, select_autoescape

from pulsewatch.config import Settings
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.timeutil import month_bounds

_env = Environment(loader=PackageLoader("pulsewatch", "templates"), autoescape=select_autoescape())


@dataclass(slots=True)
class MonitorSla:
    monitor_id: str
    name: str
    checks: int
    failures: int
    uptime_pct: float
    avg_latency_ms: float | None
    target_pct: float

    @property
    def breached(self) -> bool:
        return self.uptime_pct < self.target_pct


class SlaService:
    def __init__(
        self,
        settings: Settings,
        pool: asyncpg.Pool,
        monitors: MonitorRepository,
        results: CheckResultRepository,
        maintenance: MaintenanceRepository,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._monitors = monitors
        self._results = results
        self._maintenance = maintenance
        self._reports: dict[tuple[UUID, datetime, datetime], list[MonitorSla]] = {}

    async def report(self, org_id: UUID, start: datetime, end: datetime, target_pct: float = 99.9) -> list[MonitorSla]:
        key = (org_id, start, end)
        if key in self._reports:
            return self._reports[key]
        rows = []
        for monitor in await self._monitors.list_for_org(org_id):
            stats = await self._results.uptime_for(monitor["id"], start, end)
            rows.append(
                MonitorSla(
                    monitor_id=str(monitor["id"]),
                    name=monitor["name"],
                    checks=stats.checks,
                    failures=stats.failures,
                    uptime_pct=stats.uptime_pct,
                    avg_latency_ms=float(stats.avg_latency_ms) if stats.avg_latency_ms is not None else None,
                    target_pct=target_pct,
                )
            )
        self._reports[key] = rows
        return rows

    async def monthly_from_rollups(self, org_id: UUID, year: int, month: int, target_pct: float = 99.9) -> list[MonitorSla]:
        start, end = month_bounds(year, month)
        rows = await self._pool.fetch(
            """
            SELECT m.id, m.name, coalesce(sum(r.checks), 0) AS checks, coalesce(sum(r.failures), 0) AS failures,
                   avg(r.avg_latency_ms) AS avg_latency_ms
              FROM monitors m
              LEFT JOIN sla_rollups r ON r.monitor_id = m.id AND r.day >= $2 AND r.day < $3
             WHERE m.org_id = $1
             GROUP BY m.id, m.name
             ORDER BY m.name
            """,
            org_id,
            start.date(),
            end.date(),
        )
        out = []
        for row in rows:
            checks, failures = row["checks"], row["failures"]
            uptime = 100.0 if checks == 0 else round((checks - failures) / checks * 100.0, 4)
            out.append(
                MonitorSla(str(row["id"]), row["name"], checks, failures, uptime, row["avg_latency_ms"], target_pct)
            )
        return out

    async def downtime_excluding_maintenance(self, monitor_id: UUID, start: datetime, end: datetime) -> int:
        failures = await self._results.failures_between(monitor_id, start, end)
        windows = await self._maintenance.windows_overlapping(monitor_id, start, end)
        counted = 0
        for failure in failures:
            checked_at = failure["checked_at"]
            in_window = any(
                checked_at >= w["starts_at"] or checked_at < w["ends_at"] for w in windows
            )
            if not in_window:
                counted += 1
        return counted

    async def render_pdf(self, org_id: UUID, org_name: str, rows: list[MonitorSla], period: str) -> bytes:
        html = _env.get_template("sla_report.html").render(
            org_name=org_name, period=period, rows=[asdict(r) | {"breached": r.breached} for r in rows]
        )
        completed = subprocess.run(
            [self._settings.wkhtmltopdf_bin, "--quiet", "-", "-"],
            input=html.encode(),
            capture_output=True,
            check=True,
            timeout=60,
        )
        return completed.stdout

    def summary(self, rows: list[MonitorSla]) -> dict[str, Any]:
        total_checks = sum(r.checks for r in rows)
        total_failures = sum(r.failures for r in rows)
        return {
            "monitors": len(rows),
            "breached": sum(1 for r in rows if r.breached),
            "uptime_pct": 100.0 if total_checks == 0 else round((total_checks - total_failures) / total_checks * 100, 4),
        }
