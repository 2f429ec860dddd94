"""Pulls results from partners that do not push webhooks."""
from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

from svc.clients.lab_partner import LabPartnerClient
from svc.db.connections import SessionLocal
from svc.services.lab_ingest import LabIngestService

logger = logging.getLogger(__name__)

CURSOR_KEY = "labs:petlabs:cursor"


class LabPoller:
    def __init__(self, client: LabPartnerClient, ingest: LabIngestService, redis: Redis, interval_s: float) -> None:
        self.client = client
        self.ingest = ingest
        self.redis = redis
        self.interval_s = interval_s

    async def poll_once(self) -> int:
        cursor = await self.redis.get(CURSOR_KEY)
        page = await self.client.fetch_pending_results(cursor)
        if not page.get("messages"):
            return 0
        rows = await self.ingest.parse("\r".join(page["messages"]))
        async with SessionLocal() as session:
            report = await self.ingest.ingest(session, "petlabs", rows)
        await self.client.acknowledge([m["accession"] for m in page["index"]])
        await self.redis.set(CURSOR_KEY, page["next_cursor"])
        if report.unknown_accessions:
            logger.warning("results for unknown accessions", extra={"accessions": report.unknown_accessions[:50]})
        return report.stored

    async def run(self) -> None:
        while True:
            await self.poll_once()
            await asyncio.sleep(self.interval_s)
