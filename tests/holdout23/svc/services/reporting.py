"""Covers reports for managers: heatmaps, daily summaries, PDFs, CSV exports."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import tempfile
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.db.pool import Database
from svc.repositories.reservations import ReservationRepository

_SUMMARY_TEMPLATE = """<html><body><h1>{venue} &mdash; {day}</h1>
<p>Covers: {covers} &middot; Reservations: {bookings} &middot; No-shows: {no_shows}</p>
<table>{rows}</table></body></html>"""


def covers_heatmap(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    if not rows:
        return {}
    frame = pd.DataFrame.from_records(rows).pivot_table(index="weekday", columns="hour", values="covers", aggfunc="sum", fill_value=0)
    return {str(day): {str(h): int(v) for h, v in hours.items()} for day, hours in frame.to_dict(orient="index").items()}


def summarize_day(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not rows:
        return {"covers": 0, "bookings": 0, "no_shows": 0, "by_source": {}}
    frame = pd.DataFrame.from_records(rows)
    by_source = frame.groupby("source")["party_size"].agg(["count", "sum"])
    return {
        "covers": int(frame.loc[frame["status"] != "cancelled", "party_size"].sum()),
        "bookings": int(len(frame)),
        "no_shows": int((frame["status"] == "no_show").sum()),
        "by_source": {src: {"bookings": int(r["count"]), "covers": int(r["sum"])} for src, r in by_source.iterrows()},
    }


def render_pdf(html: str, binary: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        target = Path(tmp) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        subprocess.run([binary, "--quiet", str(source), str(target)], check=True, timeout=120)
        return target.read_bytes()


class ReportingService:
    def __init__(self, db: Database, reporting_dsn: str, wkhtmltopdf: str) -> None:
        self._db = db
        self._reporting_dsn = reporting_dsn
        self._wkhtmltopdf = wkhtmltopdf
        self._reservations = ReservationRepository(db)

    async def heatmap(self, venue_id: int, weeks: int) -> dict[str, dict[str, int]]:
        engine = create_async_engine(self._reporting_dsn, pool_size=2, max_overflow=0)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT extract(isodow FROM starts_at)::int AS weekday, extract(hour FROM starts_at)::int AS hour, "
                    "SUM(party_size) AS covers FROM reservations WHERE venue_id = :venue_id "
                    "AND starts_at >= now() - make_interval(weeks => :weeks) AND status IN ('booked', 'seated', 'completed') GROUP BY 1, 2"
                ),
                {"venue_id": venue_id, "weeks": weeks},
            )
            rows = [dict(r._mapping) for r in result]
        return covers_heatmap(rows)

    async def daily_summary(self, venue_id: int, day_start: datetime, day_end: datetime) -> dict[str, Any]:
        rows = await self._reservations.list_for_day(venue_id, day_start, day_end)
        return await asyncio.to_thread(summarize_day, [dict(r) for r in rows])

    async def daily_summaries(self, day_start: datetime, day_end: datetime) -> dict[int, dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT venue_id, source, party_size, status FROM reservations WHERE starts_at >= $1 AND starts_at < $2", day_start, day_end)
        by_venue: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by_venue.setdefault(row["venue_id"], []).append(dict(row))
        return {venue_id: await asyncio.to_thread(summarize_day, venue_rows) for venue_id, venue_rows in by_venue.items()}

    async def daily_pdf(self, venue_name: str, day: str, summary: dict[str, Any]) -> bytes:
        table = "".join(
            f"<tr><td>{src}</td><td>{vals['bookings']}</td><td>{vals['covers']}</td></tr>"
            for src, vals in summary["by_source"].items()
        )
        html = _SUMMARY_TEMPLATE.format(venue=venue_name, day=day, covers=summary["covers"], bookings=summary["bookings"], no_shows=summary["no_shows"], rows=table)
        return render_pdf(html, self._wkhtmltopdf)

    async def export_csv(self, venue_id: int, since: datetime) -> AsyncIterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "guest_id", "party_size", "starts_at", "status", "source", "spend_cents"])
        async for record in self._reservations.iter_for_export(venue_id, since):
            writer.writerow(list(record.values()))
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
