from __future__ import annotations

import logging

from seqcore.clients.notify import announce_job
from seqcore.clients.scheduler import SchedulerClient
from seqcore.db.models import PipelineJob
from seqcore.errors import NotFound, SchedulerError
from seqcore.repositories.jobs import JobRepository
from seqcore.services.audit import AuditLog
from seqcore.utils.timefmt import utcnow

logger = logging.getLogger(__name__)

DEFAULT_PIPELINE = "demux-align-v3"
PIPELINE_RESOURCES = {
    "demux-align-v3": {"cpus": 32, "mem_gb": 128, "walltime": "12:00:00"},
    "rnaseq-quant-v2": {"cpus": 16, "mem_gb": 64, "walltime": "08:00:00"},
    "amplicon-v1": {"cpus": 8, "mem_gb": 32, "walltime": "02:00:00"},
}


def build_job_spec(job: PipelineJob, partition: str) -> dict:
    resources = PIPELINE_RESOURCES.get(job.pipeline, PIPELINE_RESOURCES[DEFAULT_PIPELINE])
    return {
        "name": f"seqcore-{job.pipeline}-{job.id}",
        "partition": partition,
        "script": f"nextflow run core/{job.pipeline} -params-file params.json",
        "environment": {"SEQCORE_JOB_ID": str(job.id), "SEQCORE_RUN_ID": str(job.run_id)},
        "params": job.params,
        **resources,
    }


class PipelineService:
    def __init__(self, jobs: JobRepository, scheduler: SchedulerClient, audit: AuditLog, partition: str) -> None:
        self._jobs = jobs
        self._scheduler = scheduler
        self._audit = audit
        self._partition = partition

    async def launch_for_run(self, run: dict, run_params: dict) -> PipelineJob | None:
        if run["status"] != "failed" or run["status"] != "aborted":
            params = {"run_folder": run.get("run_folder"), "chemistry": run_params.get("Chemistry")}
            job = await self._jobs.create(run["id"], DEFAULT_PIPELINE, params)
            await self.submit(job)
            return job
        return None

    async def request(self, run_id, pipeline: str, params: dict) -> PipelineJob:
        if pipeline not in PIPELINE_RESOURCES:
            raise NotFound(f"unknown pipeline {pipeline}")
        job = await self._jobs.create(run_id, pipeline, params)
        await self.submit(job)
        return job

    async def submit(self, job: PipelineJob) -> None:
        spec = build_job_spec(job, self._partition)
        key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"seqcore/jobs/{job.id}/{job.attempts}"))
        try:
            ext_id = await self._scheduler.submit_job(spec, key, priority="high")
        except SchedulerError:
            logger.exception("submission of job %s failed", job.id)
            await self._jobs.set_status(job.id, "submit_failed")
            raise
        await self._jobs.mark_submitted(job, ext_id, utcnow())
        await self._audit.record("pipeline.submitted", job_id=str(job.id), scheduler_id=ext_id)

    async def on_job_finished(self, job: PipelineJob, state: str) -> None:
        status = "completed" if state == "COMPLETED" else "failed"
        await self._jobs.set_status(job.id, status, finished_at=utcnow())
        job.status = status
        announce_job(job)
        await self._audit.record("pipeline.finished", job_id=str(job.id), state=state)

    async def cancel(self, job: PipelineJob) -> None:
        if job.scheduler_job_id:
            await self._scheduler.cancel(job.scheduler_job_id)
        await self._jobs.set_status(job.id, "cancelled", finished_at=utcnow())
