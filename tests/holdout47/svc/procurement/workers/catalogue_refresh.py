from __future__ import annotations

import asyncio
import logging

from procurement.config import get_settings
from procurement.db.engine import sessionmaker
from procurement.metrics import CATALOGUE_ROWS
from procurement.repositories import supplier_repo
from procurement.services import catalogue_service

log = logging.getLogger(__name__)


def _feed_url(supplier, configured: list[str]) -> str | None:
    for url in configured:
        if f"/suppliers/{supplier.id}/" in url:
            return url
    return None


async def refresh_all() -> int:
    settings = get_settings()
    total = 0
    async with sessionmaker()() as session:
        suppliers = await supplier_repo.active(session)
        for supplier in suppliers:
            url = _feed_url(supplier, settings.partner_feed_urls)
            if url is None:
                continue
            report = await catalogue_service.sync_supplier_feed(session, supplier, url)
            CATALOGUE_ROWS.labels(supplier=str(supplier.id)).inc(report.upserted)
            total += report.upserted
    return total


async def run_forever() -> None:
    interval = get_settings().catalogue_refresh_minutes * 60
    while True:
        synced = await refresh_all()
        log.info("catalogue refresh complete: %d rows", synced)
        await asyncio.sleep(interval)
