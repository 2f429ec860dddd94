from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from portops.repositories.berths import BerthRepository
from portops.repositories.containers import ContainerRepository
from portops.repositories.customs import CustomsRepository
from portops.repositories.edi import EdiInbox
from portops.repositories.gate import GateRepository
from portops.repositories.outbox import EdiOutbox
from portops.repositories.yard import YardRepository
from portops.services.berthing import BerthingService
from portops.services.billing import BillingService
from portops.services.crane_moves import CraneScheduler
from portops.services.customs_service import CustomsService
from portops.services.edi_service import EdiService
from portops.services.gate_service import GateService
from portops.services.yard_planner import YardPlanner


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        yield session


def get_berthing(request: Request, session: AsyncSession = Depends(get_session)) -> BerthingService:
    state = request.app.state
    return BerthingService(BerthRepository(session), state.redis, state.eta)


def get_cranes(request: Request, session: AsyncSession = Depends(get_session)) -> CraneScheduler:
    state = request.app.state
    return CraneScheduler(session, state.redis, state.locks, state.crane_locks, state.edi_hub, state.tos)


def get_planner(
    request: Request,
    session: AsyncSession = Depends(get_session),
    cranes: CraneScheduler = Depends(get_cranes),
) -> YardPlanner:
    return YardPlanner(YardRepository(session), ContainerRepository(session), cranes, request.app.state.locks)


def get_gate(request: Request, session: AsyncSession = Depends(get_session)) -> GateService:
    state = request.app.state
    return GateService(
        GateRepository(session),
        ContainerRepository(session),
        CustomsRepository(session),
        state.ocr,
        state.tos,
        state.audit,
        state.gate_board,
        state.settings.gate_slot_capacity,
    )


def get_customs(request: Request, session: AsyncSession = Depends(get_session)) -> CustomsService:
    state = request.app.state
    return CustomsService(CustomsRepository(session), ContainerRepository(session), state.customs, state.redis)


def get_edi(request: Request, session: AsyncSession = Depends(get_session)) -> EdiService:
    state = request.app.state
    return EdiService(
        EdiInbox(state.pg, state.settings.pg_acquire_timeout_s),
        EdiOutbox(state.pg),
        ContainerRepository(session),
        state.settings.edi_archive_dir,
    )


def get_billing(request: Request, session: AsyncSession = Depends(get_session)) -> BillingService:
    state = request.app.state
    return BillingService(ContainerRepository(session), state.tariffs, state.settings.report_dir)
