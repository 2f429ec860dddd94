from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from billing.db import SessionLocal
from billing.models import Invoice

log = logging.getLogger(__name__)


async def nightly_totals() -> None:
    """A scheduled job, not a request: it may read the whole table (a report rebuilt once a night)."""
    while True:
        async with SessionLocal() as session:
            invoices = (await session.scalars(select(Invoice).order_by(Invoice.issued_at))).all()
        log.info("nightly total %s", sum(i.total for i in invoices))
        await asyncio.sleep(86_400)
