from __future__ import annotations

import asyncio
import json
import os
import subprocess
import tempfile
from uuid import UUID

import redis.asyncio as aioredis
import structlog
from jinja2 import Environment, PackageLoader, select_autoescape

from homegrid.clients.object_store import ObjectStore
from homegrid.config import Settings
from homegrid.models import EnergySummary, Report
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.reports import ReportRepository
from homegrid.repositories.telemetry import TelemetryRepository
from homegrid.utils.timeutil import month_bounds, utcnow

log = structlog.get_logger(__name__)

_templates = Environment(loader=PackageLoader("homegrid", "templates"), autoescape=select_autoescape())


def _render_html(summary: EnergySummary) -> str:
    return _templates.get_template("energy_report.html").render(summary=summary)


def _write_file(path: str, data: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(data)


def _html_to_pdf(source: str, target: str) -> bytes:
    subprocess.run(["wkhtmltopdf", "--quiet", source, target], check=True, timeout=120)
    with open(target, "rb") as fh:
        return fh.read()


class ReportService:
    def __init__(
        self,
        settings: Settings,
        reports: ReportRepository,
        devices: DeviceRepository,
        telemetry: TelemetryRepository,
        store: ObjectStore,
        redis: aioredis.Redis,
    ) -> None:
        self._settings = settings
        self._reports = reports
        self._devices = devices
        self._telemetry = telemetry
        self._store = store
        self._redis = redis

    async def request(self, household_id: UUID, period: str, requested_by: UUID | None) -> Report:
        return await self._reports.create(household_id, period, requested_by)

    async def summary(self, household_id: UUID, period: str) -> EnergySummary:
        cache_key = f"energy-summary:{household_id}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return EnergySummary.model_validate_json(cached)
        start, end = month_bounds(period)
        devices = await self._devices.list_for_household(household_id)
        per_device: dict[str, float] = {}
        total_import = total_export = 0.0
        for device in devices:
            imp, exp = await self._telemetry.daily_energy(device.id, start.date(), end.date())
            per_device[device.serial] = round(imp - exp, 3)
            total_import += imp
            total_export += exp
        summary = EnergySummary(
            household_id=household_id, period=period, import_kwh=round(total_import, 3),
            export_kwh=round(total_export, 3), cost_pence=0.0, per_device=per_device,
        )
        await self._redis.set(cache_key, summary.model_dump_json(), ex=3600)
        return summary

    async def device_breakdown(self, household_id: UUID, period: str) -> dict[str, tuple[float, float]]:
        start, end = month_bounds(period)
        devices = await self._devices.list_for_household(household_id)
        energy = await self._telemetry.energy_by_device([d.id for d in devices], start.date(), end.date())
        return {d.serial: energy.get(d.id, (0.0, 0.0)) for d in devices}

    async def render(self, report: Report) -> str:
        summary = await self.summary(report.household_id, report.period)
        html = _render_html(summary)
        workdir = os.path.join(self._settings.report_dir, str(report.id))
        await asyncio.to_thread(os.makedirs, workdir, exist_ok=True)
        html_path = os.path.join(workdir, "report.html")
        pdf_path = os.path.join(workdir, "report.pdf")
        await asyncio.to_thread(_write_file, html_path, html)
        subprocess.run(["wkhtmltopdf", "--quiet", html_path, pdf_path], check=True, timeout=120)
        pdf = await asyncio.to_thread(_read_bytes, pdf_path)
        key = f"reports/{report.household_id}/{report.period}-{report.id}.pdf"
        await self._store.put(key, pdf, "application/pdf")
        await self._reports.complete(report.id, key, utcnow())
        return key

    async def render_preview(self, report: Report) -> bytes:
        summary = await self.summary(report.household_id, report.period)
        html = _render_html(summary)
        with tempfile.TemporaryDirectory() as tmp:
            html_path = os.path.join(tmp, "preview.html")
            await asyncio.to_thread(_write_file, html_path, html)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, _html_to_pdf, html_path, os.path.join(tmp, "p.pdf"))

    async def download_url(self, household_id: UUID, report_id: UUID) -> str | None:
        report = await self._reports.get_for_household(household_id, report_id)
        if report.storage_key is None:
            return None
        return await self._store.presign(report.storage_key)

    def describe(self, report: Report) -> str:
        return json.dumps({"id": str(report.id), "period": report.period, "status": report.status})


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def daily_usage_csv(days: list[tuple[str, float, float]]) -> str:
    lines = ["day,import_kwh,export_kwh,net_kwh"]
    for day, imp, exp in days:
        lines.append(f"{day},{imp:.3f},{exp:.3f},{imp - exp:.3f}")
    return "\n".join(lines) + "\n"


async def list_reports(reports: ReportRepository, household_id: UUID) -> list[Report]:
    return await reports.list_for_household(household_id)
