"""Polls the external encoder for the state of in-flight transcode jobs."""
from __future__ import annotations

import asyncio
import logging

from svc.clients.encoder import EncoderClient
from svc.db.engine import SessionLocal
from svc.errors import EncoderError
from svc.repositories.episodes import TranscodeJobRepository
from svc.services.transcoding import TranscodingService

log = logging.getLogger(__name__)

POLL_INTERVAL = 15


async def poll_once(encoder: EncoderClient) -> int:
    async with SessionLocal() as session:
        jobs = await TranscodeJobRepository(session).in_flight()
        service = TranscodingService(session, encoder)
        updated = 0
        for job in jobs:
            if job.external_id is None:
                continue
            try:
                status = await encoder.status(job.external_id)
            except EncoderError:
                continue
            if status.state != job.status:
                await service.apply_status(job.id, status, commit=True)
                updated += 1
        return updated


async def run_transcode_poller(encoder: EncoderClient) -> None:
    while True:
        await poll_once(encoder)
        await asyncio.sleep(POLL_INTERVAL)
