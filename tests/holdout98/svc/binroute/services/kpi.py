"""Council KPI exports: tonnage per depot, lifts per ward, missed-collection rates."""
from __future__ import annotations

import copy
import csv
import logging
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Depot
from ..repositories.tickets import TicketRepository
from ..utils.timeutil import day_bounds, month_bounds

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = ["depot_id", "depot_name", "month", "net_tonnes"]


class KpiService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], tickets: TicketRepository,
                 pool, export_dir: Path, acquire_timeout: float) -> None:
        self.sessionmaker = sessionmaker
        self.tickets = tickets
        self.pool = pool
        self.export_dir = export_dir
        self.acquire_timeout = acquire_timeout

    async def tonnage_by_depot(self, month: date) -> list[dict]:
        start, end = month_bounds(month)
        (s, _), (e, _) = day_bounds(start), day_bounds(end)
        async with self.sessionmaker() as session:
            depots = (await session.scalars(select(Depot).order_by(Depot.id))).all()
        rows = []
        for depot in depots:
            net_kg = await self.tickets.total_for_depot(depot.id, s, e)
            rows.append({"depot_id": depot.id, "depot_name": depot.name, "month": start.strftime("%Y-%m"),
                         "net_tonnes": round(net_kg / 1000, 2)})
        return rows

    async def write_tonnage_export(self, month: date) -> Path:
        rows = await self.tonnage_by_depot(month)
        snapshot = copy.deepcopy(rows)
        out_path = self.export_dir / f"tonnage-{month:%Y-%m}.csv"
        with open(out_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(snapshot)
        logger.info("wrote %s (%d depots)", out_path, len(rows))
        return out_path

    async def ward_lift_matrix(self, year: int) -> dict[str, dict[str, int]]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            records = await conn.fetch(
                "SELECT b.ward, to_char(l.lifted_at, 'YYYY-MM') AS month, l.weight_kg "
                "FROM lift_events l JOIN bins b ON b.id = l.bin_id "
                "WHERE l.lifted_at >= make_date($1, 1, 1) AND l.lifted_at < make_date($1 + 1, 1, 1)",
                year,
            )
        frame = pd.DataFrame.from_records(records, columns=["ward", "month", "weight_kg"])
        pivot = frame.pivot_table(index="ward", columns="month", values="weight_kg", aggfunc="count", fill_value=0)
        return {ward: {m: int(v) for m, v in row.items()} for ward, row in pivot.iterrows()}

    async def missed_rate(self, month: date) -> list[dict]:
        start, end = month_bounds(month)
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT b.ward, count(DISTINCT m.id) AS missed, count(DISTINCT rs.id) AS planned "
                "FROM route_stops rs JOIN collection_routes r ON r.id = rs.route_id "
                "JOIN bins b ON b.id = rs.bin_id "
                "LEFT JOIN missed_reports m ON m.bin_id = rs.bin_id AND m.created_at::date = r.service_date "
                "WHERE r.service_date >= $1 AND r.service_date < $2 GROUP BY b.ward",
                start, end,
            )
        return [{"ward": r["ward"], "missed": r["missed"], "planned": r["planned"],
                 "rate": round(r["missed"] / r["planned"], 4) if r["planned"] else 0.0} for r in rows]

    async def tonnage_by_truck(self, month: date) -> list[dict]:
        """Net tonnes per truck for the month, one grouped query."""
        start, end = month_bounds(month)
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT t.truck_id, t.depot_id, sum(t.gross_kg - t.tare_kg) AS net_kg, count(*) AS visits "
                "FROM weigh_tickets t WHERE t.weighed_at >= $1 AND t.weighed_at < $2 "
                "GROUP BY t.truck_id, t.depot_id ORDER BY t.depot_id, t.truck_id",
                start, end,
            )
        return [
            {"truck_id": r["truck_id"], "depot_id": r["depot_id"], "visits": r["visits"],
             "net_tonnes": round(r["net_kg"] / 1000, 2)}
            for r in rows
        ]

    async def collection_rate(self, month: date) -> dict[str, float]:
        """Share of planned stops that were lifted, per depot."""
        start, end = month_bounds(month)
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT r.depot_id, count(*) AS planned, count(rs.lifted_at) AS lifted "
                "FROM route_stops rs JOIN collection_routes r ON r.id = rs.route_id "
                "WHERE r.service_date >= $1 AND r.service_date < $2 GROUP BY r.depot_id",
                start, end,
            )
        return {r["depot_id"]: (r["lifted"] / r["planned"] if r["planned"] else 0.0) for r in rows}
