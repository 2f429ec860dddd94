from __future__ import annotations

import asyncio
import logging
import xml.etree.ElementTree as ET

from seqcore.errors import NotFound
from seqcore.repositories.deliveries import DeliveryRepository
from seqcore.repositories.jobs import JobRepository
from seqcore.repositories.runs import RunRepository
from seqcore.repositories.samples import SampleRepository
from seqcore.schemas import RunCompletion
from seqcore.services.audit import AuditLog
from seqcore.services.ingest import IngestService
from seqcore.services.pipelines import PipelineService
from seqcore.utils.timefmt import utcnow

logger = logging.getLogger(__name__)

SEEN_KEY = "seqcore:watcher:seen"
COMPLETE_MARKER = "CopyComplete.txt"


def _parse_run_info(xml_bytes: bytes) -> tuple[str, str]:
    root = ET.fromstring(xml_bytes)
    run = root.find("Run")
    if run is None:
        raise ValueError("RunInfo.xml has no Run element")
    return run.findtext("Flowcell", ""), run.findtext("Instrument", "")


class RunFolderWatcher:
    """Watches the run bucket prefix for folders the instrument finished copying."""

    def __init__(self, state) -> None:
        self._state = state
        self._settings = state.settings
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    async def run(self) -> None:
        while not self._stopped:
            await self.scan_once()
            await asyncio.sleep(self._settings.watcher_interval_s)

    async def scan_once(self) -> None:
        s3 = self._state.store.raw
        listing = s3.list_objects_v2(Bucket=self._settings.run_bucket, Prefix=self._settings.run_prefix, Delimiter="/")
        for common in listing.get("CommonPrefixes", []):
            folder = common["Prefix"].rstrip("/")
            marker = await self._state.store.list_prefix(self._settings.run_bucket, f"{folder}/{COMPLETE_MARKER}")
            if not marker:
                continue
            if await self._state.redis.sadd(SEEN_KEY, folder) == 0:
                continue
            asyncio.create_task(self._ingest(folder))

    async def _ingest(self, folder: str) -> None:
        state = self._state
        info = await state.store.get_bytes(self._settings.run_bucket, f"{folder}/RunInfo.xml")
        flowcell, instrument = _parse_run_info(info)
        payload = RunCompletion(run_folder=folder, flowcell_id=flowcell, instrument_id=instrument,
                                status="completed", completed_at=utcnow())
        async with state.sessionmaker() as session:
            pipelines = PipelineService(JobRepository(session), state.scheduler, AuditLog(state.redis),
                                        self._settings.scheduler_partition)
            service = IngestService(RunRepository(state.pg), SampleRepository(session), DeliveryRepository(session),
                                    state.agent, state.store, state.hub, pipelines, self._settings.run_bucket)
            try:
                outcome = await service.handle_completion(payload)
            except NotFound:
                logger.warning("run folder %s has no registered run (flowcell %s)", folder, flowcell)
                await state.redis.srem(SEEN_KEY, folder)
                return
            await session.commit()
        logger.info("watcher ingested %s: %s", folder, outcome)
