"""Night audit: post room and tax charges, roll the business date, produce the daily report."""
from __future__ import annotations

import asyncio
import csv
import logging
import os
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.models import Hotel, NightAuditRun, Reservation
from svc.repositories import audit_sql
from svc.repositories import folio as folio_repo
from svc.repositories import reservations as reservations_repo
from svc.services.pricing import city_tax
from svc.utils.dates import nights
from svc.utils.money import q

logger = logging.getLogger(__name__)


def nightly_amount(reservation: Reservation) -> Decimal:
    stay = max(nights(reservation.check_in, reservation.check_out), 1)
    return q(reservation.total_amount / stay)


def summarise(revenue: list[dict[str, Any]], occupancy: dict[int, int]) -> dict[str, Any]:
    import pandas as pd

    frame = pd.DataFrame(revenue)
    by_code = frame.groupby("code")["total"].sum().to_dict() if not frame.empty else {}
    return {"revenue": by_code, "rooms_occupied": sum(occupancy.values())}


def write_report(path: str, summary: dict[str, Any]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "total"])
        for code, total in sorted(summary["revenue"].items()):
            writer.writerow([code, total])
        writer.writerow(["rooms_occupied", summary["rooms_occupied"]])


class NightAuditService:
    async def _post_city_tax(self, session: AsyncSession, hotel: Hotel, day: date, in_house: list[Reservation]) -> int:
        grouped = await folio_repo.charges_for_many(session, [r.id for r in in_house])
        posted = 0
        for reservation in in_house:
            if any(c.code == "CTAX" and c.posted_on == day for c in grouped.get(reservation.id, [])):
                continue
            await folio_repo.post(
                session, reservation.id, day, "CTAX", "City tax", city_tax(hotel.code, day, reservation.adults)
            )
            posted += 1
        await session.commit()
        return posted

    async def run(self, session: AsyncSession, hotel: Hotel, business_day: date) -> dict[str, Any]:
        started = datetime.now(timezone.utc)
        session.add(NightAuditRun(hotel_id=hotel.id, business_date=business_day))
        await session.commit()

        in_house = list(await reservations_repo.in_house(session, hotel.id, business_day))
        postings: list[tuple[int, str, Decimal]] = []
        for reservation in in_house:
            charges = await folio_repo.charges_for(session, reservation.id)
            if any(c.code == "ROOM" and c.posted_on == business_day for c in charges):
                continue
            postings.append((reservation.id, f"Room night {business_day:%d.%m.%Y}", nightly_amount(reservation)))
        await audit_sql.post_room_charges(business_day, postings)

        try:
            await self._post_city_tax(session, hotel, business_day, in_house)
        except Exception as exc:
            logger.error("city tax posting failed for %s: %s", hotel.code, exc)

        revenue = [dict(r) for r in await audit_sql.revenue_by_code(business_day)]
        occupancy = await audit_sql.occupancy(hotel.id, business_day)
        summary = await asyncio.to_thread(summarise, revenue, occupancy)
        path = os.path.join(settings.report_dir, hotel.code, f"{business_day.isoformat()}.csv")
        await asyncio.to_thread(write_report, path, summary)

        await audit_sql.close_business_day(hotel.id, business_day)
        logger.info(
            "night audit %s %s: %d room postings in %.1fs",
            hotel.code, business_day, len(postings), (datetime.now(started.tzinfo) - started).total_seconds(),
        )
        return summary
