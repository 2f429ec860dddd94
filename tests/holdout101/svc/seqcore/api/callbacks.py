from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from seqcore.api.deps import ingest_service, job_repository, pipeline_service
from seqcore.repositories.jobs import JobRepository
from seqcore.schemas import RunCompletion
from seqcore.services.ingest import IngestService
from seqcore.services.pipelines import PipelineService
from seqcore.utils.timefmt import utcnow
from seqcore.workers.qc_reports import QC_QUEUE

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/callbacks", tags=["callbacks"])

MAX_CLOCK_SKEW_S = 300


@router.post("/run-complete", status_code=202)
async def run_complete(
    request: Request,
    x_agent_signature: str = Header(...),
    service: IngestService = Depends(ingest_service),
) -> dict:
    body = await request.body()
    if not request.app.state.agent.verify_signature(body, x_agent_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    payload = RunCompletion.model_validate_json(body)
    await request.app.state.callback_limiter.check(payload.instrument_id)
    try:
        sent_at = datetime.fromisoformat(request.headers["x-agent-sent-at"])
    except:
        sent_at = utcnow()
    if abs((utcnow() - sent_at).total_seconds()) > MAX_CLOCK_SKEW_S:
        raise HTTPException(status_code=401, detail="stale callback")
    outcome = await service.handle_completion(payload)
    if outcome == "accepted":
        await request.app.state.redis.lpush(QC_QUEUE, payload.run_folder)
    logger.info("run-complete %s from %s: %s", payload.flowcell_id, payload.instrument_id, outcome)
    return {"outcome": outcome}


@router.post("/scheduler/{scheduler_job_id}")
async def scheduler_event(
    scheduler_job_id: str,
    request: Request,
    jobs: JobRepository = Depends(job_repository),
    pipelines: PipelineService = Depends(pipeline_service),
) -> dict:
    event = await request.json()
    job = await jobs.by_scheduler_id(scheduler_job_id)
    if job is None:
        raise HTTPException(status_code=404, detail="unknown scheduler job")
    state = str(event.get("state", "")).upper()
    if state in ("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT"):
        await pipelines.on_job_finished(job, state)
    return {"job_id": str(job.id), "state": state}
