"""Receipts for drivers, operator reports and the daily CDR export file."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.cache import TariffCache
from svc.clients.object_store import ObjectStore
from svc.db.models import ChargingSession
from svc.db.repositories.catalog import TariffRepository
from svc.db.repositories.sessions import SessionRepository
from svc.errors import NotFoundError
from svc.utils.timeutil import day_bounds, isoformat_z

log = logging.getLogger(__name__)


def _energy_wh(session: ChargingSession) -> int:
    return (session.meter_stop_wh or session.meter_start_wh) - session.meter_start_wh


def format_money(cents: int, currency: str) -> str:
    return f"{cents / 100:.2f} {currency}"


class ReceiptRenderer:
    def __init__(self, templates_dir: str) -> None:
        self._templates_dir = Path(templates_dir)

    def _load_template(self, name: str) -> str:
        with open(self._templates_dir / name, encoding="utf-8") as fh:
            return fh.read()

    def render(self, session: ChargingSession, lines: Sequence[tuple[str, str]], *, title: str) -> str:
        template = self._load_template("receipt.html")
        rows = "".join(f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>" for label, value in lines)
        return (
            template.replace("{{title}}", escape(title))
            .replace("{{session_id}}", str(session.id))
            .replace("{{started_at}}", isoformat_z(session.started_at))
            .replace("{{rows}}", rows)
        )


class ReceiptService:
    def __init__(self, renderer: ReceiptRenderer, tariff_cache: TariffCache) -> None:
        self._renderer = renderer
        self._tariff_cache = tariff_cache

    async def build(self, db: AsyncSession, session_id: int, *, driver_id: int) -> str:
        session = await SessionRepository(db).get(session_id)
        if session is None or session.driver_id != driver_id:
            raise NotFoundError(f"session {session_id} not found")
        tariff = await self._tariff_cache.get(session.tariff_id, TariffRepository(db).get)
        currency = tariff.currency if tariff else "EUR"
        lines = [
            ("Charge point", session.chargepoint_id),
            ("Energy", f"{_energy_wh(session) / 1000:.2f} kWh"),
            ("Idle minutes", str(session.idle_minutes)),
            ("Total", format_money(session.cost_cents or 0, currency)),
        ]
        return self._renderer.render(session, lines, title=tariff.name if tariff else "Charging session")


def summarize_sessions(sessions: Sequence[ChargingSession]) -> dict[str, Any]:
    drivers_seen: list[int] = []
    energy_wh = 0
    revenue_cents = 0
    for s in sessions:
        energy_wh += _energy_wh(s)
        revenue_cents += s.cost_cents or 0
        if s.driver_id is not None and s.driver_id not in drivers_seen:
            drivers_seen.append(s.driver_id)
    return {
        "sessions": len(sessions),
        "unique_drivers": len(drivers_seen),
        "energy_kwh": round(energy_wh / 1000, 1),
        "revenue_cents": revenue_cents,
    }


def build_utilisation_frame(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hours of charging per charge point per day. Runs in a worker process."""
    if not rows:
        return []
    frame = pd.DataFrame.from_records(rows)
    frame["hours"] = (frame["stopped_at"] - frame["started_at"]).dt.total_seconds() / 3600.0
    frame["day"] = frame["started_at"].dt.date
    grouped = frame.groupby(["chargepoint_id", "day"], as_index=False)["hours"].sum()
    return grouped.to_dict(orient="records")


class ReportService:
    def __init__(self, executor: Executor | None = None) -> None:
        self._executor = executor

    async def utilisation(self, db: AsyncSession, start: datetime, end: datetime) -> list[dict[str, Any]]:
        sessions = await SessionRepository(db).list_between(start, end, limit=20_000)
        rows = [
            {"chargepoint_id": s.chargepoint_id, "started_at": s.started_at, "stopped_at": s.stopped_at}
            for s in sessions
            if s.stopped_at is not None
        ]
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, build_utilisation_frame, rows)


def render_cdr_csv(sessions: Sequence[ChargingSession]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["session_id", "chargepoint_id", "id_tag", "start", "end", "energy_wh", "cost_cents"])
    for s in sessions:
        writer.writerow(
            [s.id, s.chargepoint_id, s.id_tag, isoformat_z(s.started_at), isoformat_z(s.stopped_at) if s.stopped_at else "", _energy_wh(s), s.cost_cents or 0]
        )
    return buffer.getvalue()


class CdrExporter:
    """Writes one CSV of all sessions per day to the finance bucket."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], store: ObjectStore) -> None:
        self._session_factory = session_factory
        self._store = store

    async def export_day(self, day: date) -> str:
        start, end = day_bounds(day)
        async with self._session_factory() as db:
            sessions = await SessionRepository(db).list_between(start, end, limit=50_000)
        body = await asyncio.to_thread(render_cdr_csv, sessions)
        key = f"cdrs/{day:%Y/%m/%d}.csv"
        self._store.put_bytes(key, body.encode("utf-8"))
        log.info("exported %d sessions for %s to %s", len(sessions), day, key)
        return key
