from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.engine import get_session
from seqcore.infra.cache import JsonCache
from seqcore.repositories.billing import BillingRepository
from seqcore.repositories.deliveries import DeliveryRepository
from seqcore.repositories.jobs import JobRepository
from seqcore.repositories.labs import LabRepository
from seqcore.repositories.libraries import LibraryRepository
from seqcore.repositories.runs import RunRepository
from seqcore.repositories.samples import SampleRepository
from seqcore.services.audit import AuditLog
from seqcore.services.barcodes import BarcodeService
from seqcore.services.billing import BillingService
from seqcore.services.delivery import DeliveryService
from seqcore.services.ingest import IngestService
from seqcore.services.pipelines import PipelineService
from seqcore.services.pooling import PoolingService
from seqcore.services.runs import RunService
from seqcore.services.samples import SampleQueryService
from seqcore.services.samplesheet import SampleSheetService


def run_service(request: Request, session: AsyncSession = Depends(get_session)) -> RunService:
    state = request.app.state
    return RunService(RunRepository(state.pg), LibraryRepository(session), state.redis, state.locks)


def pipeline_service(request: Request, session: AsyncSession = Depends(get_session)) -> PipelineService:
    state = request.app.state
    return PipelineService(JobRepository(session), state.scheduler, AuditLog(state.redis),
                           state.settings.scheduler_partition)


def samplesheet_service(request: Request, session: AsyncSession = Depends(get_session)) -> SampleSheetService:
    state = request.app.state
    return SampleSheetService(SampleRepository(session), BarcodeService(), JsonCache(state.redis),
                              state.settings.max_upload_bytes)


def sample_query_service(request: Request, session: AsyncSession = Depends(get_session)) -> SampleQueryService:
    return SampleQueryService(SampleRepository(session), JsonCache(request.app.state.redis))


def pooling_service(request: Request, session: AsyncSession = Depends(get_session),
                    runs: RunService = Depends(run_service)) -> PoolingService:
    return PoolingService(session, LibraryRepository(session), SampleRepository(session),
                          request.app.state.locks, runs)


def ingest_service(request: Request, session: AsyncSession = Depends(get_session),
                   pipelines: PipelineService = Depends(pipeline_service)) -> IngestService:
    state = request.app.state
    return IngestService(RunRepository(state.pg), SampleRepository(session), DeliveryRepository(session),
                         state.agent, state.store, state.hub, pipelines, state.settings.run_bucket)


def delivery_service(request: Request, session: AsyncSession = Depends(get_session)) -> DeliveryService:
    state = request.app.state
    return DeliveryService(LabRepository(session), SampleRepository(session), DeliveryRepository(session),
                           state.store, AuditLog(state.redis), state.settings)


def billing_service(request: Request) -> BillingService:
    state = request.app.state
    return BillingService(BillingRepository(state.pg), RunRepository(state.pg), state.finance, state.redis)


def lab_repository(session: AsyncSession = Depends(get_session)) -> LabRepository:
    return LabRepository(session)


def job_repository(session: AsyncSession = Depends(get_session)) -> JobRepository:
    return JobRepository(session)
