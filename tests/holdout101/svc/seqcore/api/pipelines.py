from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from seqcore.api.auth import Principal, require_principal, require_staff
from seqcore.api.deps import job_repository, pipeline_service
from seqcore.errors import NotFound
from seqcore.repositories.jobs import JobRepository
from seqcore.schemas import JobOut, PipelineRequest
from seqcore.services.pipelines import PipelineService

router = APIRouter(prefix="/pipelines", tags=["pipelines"])


@router.post("", response_model=JobOut, status_code=201)
async def request_pipeline(body: PipelineRequest, _: Principal = Depends(require_staff),
                           service: PipelineService = Depends(pipeline_service)) -> JobOut:
    job = await service.request(body.run_id, body.pipeline, {"reference": body.reference, **body.params})
    return JobOut.model_validate(job, from_attributes=True)


@router.get("/{job_id}")
async def get_job(job_id: uuid.UUID, _: Principal = Depends(require_principal),
                  jobs: JobRepository = Depends(job_repository)) -> dict:
    job = await jobs.get(job_id)
    if job is None:
        return {"error": "job not found"}
    return JobOut.model_validate(job, from_attributes=True).model_dump(mode="json")


@router.post("/{job_id}/cancel")
async def cancel_job(job_id: uuid.UUID, _: Principal = Depends(require_staff),
                     jobs: JobRepository = Depends(job_repository),
                     service: PipelineService = Depends(pipeline_service)) -> dict:
    job = await jobs.get(job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    await service.cancel(job)
    return {"id": str(job_id), "status": "cancelled"}
