"""Ride receipts: HTML + PDF, sent by e-mail."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from string import Template

from sqlalchemy import select

from svc.clients.mail import send_email
from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Ride
from svc.db.repositories import rides as rides_repo

log = logging.getLogger(__name__)

RECEIPT_TEMPLATE = Template(
    """<html><body><img src="cid:logo"/><h1>Thanks for riding, $name</h1>
<p>$pickup &rarr; $dropoff</p><p>Driver: $driver</p><p>Total: $total</p></body></html>"""
)


@lru_cache(maxsize=4)
def _read_logo_bytes(variant: str = "default") -> bytes:
    with open(Path(settings.assets_dir) / f"logo-{variant}.png", "rb") as fh:
        return fh.read()


def _render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _render_html(ride: Ride, rider_name: str, driver_name: str) -> str:
    return RECEIPT_TEMPLATE.substitute(
        name=rider_name,
        pickup=f"{ride.pickup_lat:.4f},{ride.pickup_lng:.4f}",
        dropoff=f"{ride.dropoff_lat:.4f},{ride.dropoff_lng:.4f}",
        driver=driver_name,
        total=f"{(ride.fare_cents or 0) / 100:.2f} {settings.payout_currency}",
    )


async def send_receipt(ride_id: int) -> None:
    async with SessionLocal() as session:
        rides = await rides_repo.completed_with_parties(session, [ride_id])
    if not rides:
        log.warning("receipt requested for unknown or unfinished ride %s", ride_id)
        return
    ride = rides[0]
    html = _render_html(ride, ride.rider.full_name, ride.driver.full_name if ride.driver else "")
    logo = await asyncio.to_thread(_read_logo_bytes)
    pdf = await asyncio.to_thread(_render_pdf, html)
    await send_email(ride.rider.email, "Your ride receipt", html, {"receipt.pdf": pdf, "logo.png": logo})


async def resend_receipts(ride_ids: Sequence[int]) -> int:
    sent = 0
    async with SessionLocal() as session:
        rides = (await session.execute(select(Ride).where(Ride.id.in_(ride_ids)))).scalars().all()
        for ride in rides:
            rider = await ride.awaitable_attrs.rider
            html = _render_html(ride, rider.full_name, "")
            await send_email(rider.email, "Your ride receipt (copy)", html)
            sent += 1
    return sent


async def resend_receipts_batched(ride_ids: Sequence[int]) -> int:
    async with SessionLocal() as session:
        rides = await rides_repo.completed_with_parties(session, ride_ids)
    for ride in rides:
        rider_name = ride.rider.full_name
        html = _render_html(ride, rider_name, ride.driver.full_name if ride.driver else "")
        await send_email(ride.rider.email, "Your ride receipt (copy)", html)
    return len(rides)
