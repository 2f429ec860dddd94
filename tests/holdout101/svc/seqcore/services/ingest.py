from __future__ import annotations

import gzip
import json
import logging
import uuid

from seqcore.clients.instrument import InstrumentAgentClient
from seqcore.errors import NotFound
from seqcore.infra.storage import ObjectStore
from seqcore.repositories.deliveries import DeliveryRepository
from seqcore.repositories.runs import RunRepository
from seqcore.repositories.samples import SampleRepository
from seqcore.schemas import RunCompletion
from seqcore.services.monitor import RunMonitorHub
from seqcore.services.pipelines import PipelineService

logger = logging.getLogger(__name__)

DEMUX_STATS = "Stats/Stats.json.gz"


class IngestService:
    """Turns a finished run folder into sample read counts, outputs and a pipeline launch."""

    def __init__(self, runs: RunRepository, samples: SampleRepository, deliveries: DeliveryRepository,
                 agent: InstrumentAgentClient, store: ObjectStore, hub: RunMonitorHub,
                 pipelines: PipelineService, run_bucket: str) -> None:
        self._runs = runs
        self._samples = samples
        self._deliveries = deliveries
        self._agent = agent
        self._store = store
        self._hub = hub
        self._pipelines = pipelines
        self._run_bucket = run_bucket

    async def handle_completion(self, payload: RunCompletion) -> str:
        run = await self._runs.find_by_flowcell(payload.flowcell_id)
        if run is None:
            raise NotFound(f"no run registered for flowcell {payload.flowcell_id}")
        if run["status"] == "completed":
            return "duplicate"
        params = await self._agent.fetch_run_parameters(payload.run_folder)
        await self._runs.set_status(run["id"], "completed", run_folder=payload.run_folder,
                                    completed_at=payload.completed_at)
        await self._load_outputs(run["id"], payload.run_folder)
        await self._hub.broadcast(str(run["id"]), {"type": "completed", "run_folder": payload.run_folder})
        await self._pipelines.launch_for_run(dict(run), params)
        return "accepted"

    async def _load_outputs(self, run_id: uuid.UUID, run_folder: str) -> None:
        raw = await self._store.get_bytes(self._run_bucket, f"{run_folder}/{DEMUX_STATS}")
        stats = json.loads(gzip.decompress(raw))
        counts: dict[str, int] = {}
        outputs: list[tuple[str, str, int]] = []
        for lane in stats.get("ConversionResults", []):
            for result in lane.get("DemuxResults", []):
                name = result["SampleName"]
                counts[name] = counts.get(name, 0) + int(result["NumberReads"])
        for obj in await self._store.list_prefix(self._run_bucket, f"{run_folder}/fastq/"):
            sample_name = obj.key.rsplit("/", 1)[-1].split("_S", 1)[0]
            outputs.append((sample_name, obj.key, obj.size))
        await self._deliveries.record_outputs(run_id, outputs)
        logger.info("run %s: %d samples with reads, %d output objects", run_id, len(counts), len(outputs))
