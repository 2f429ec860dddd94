from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.cache.availability import AvailabilityCache
from stacks.repositories.catalogue import CatalogueRepository
from stacks.repositories.fines import FineRepository
from stacks.repositories.holdings import HoldingRepository
from stacks.repositories.holds import HoldRepository
from stacks.repositories.kiosk_events import KioskEventRepository
from stacks.repositories.licences import LicenceRepository
from stacks.repositories.loans import LoanRepository
from stacks.repositories.patrons import PatronRepository
from stacks.repositories.transfers import TransferRepository
from stacks.services.catalogue import CatalogueService
from stacks.services.circulation import CirculationService
from stacks.services.elending import ELendingService
from stacks.services.fines import FineService
from stacks.services.holds import HoldService
from stacks.services.kiosk import KioskService
from stacks.services.notices import NoticeService
from stacks.services.patrons import PatronService
from stacks.services.transfers import TransferService
from stacks.utils.cards import verify_staff_token


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


def _patron_service(request: Request, session: AsyncSession) -> PatronService:
    state = request.app.state
    return PatronService(
        state.settings, PatronRepository(session), LoanRepository(session), FineRepository(session), state.redis
    )


def get_patron_service(request: Request, session: AsyncSession = Depends(get_session)) -> PatronService:
    return _patron_service(request, session)


def get_fine_service(request: Request, session: AsyncSession = Depends(get_session)) -> FineService:
    return FineService(request.app.state.settings, FineRepository(session), request.app.state.payments)


def get_circulation(request: Request, session: AsyncSession = Depends(get_session)) -> CirculationService:
    state = request.app.state
    return CirculationService(
        state.settings,
        _patron_service(request, session),
        HoldingRepository(session),
        LoanRepository(session, state.pg_pool),
        FineService(state.settings, FineRepository(session), state.payments),
        AvailabilityCache(state.redis),
        state.desk_hub,
    )


def get_hold_service(request: Request, session: AsyncSession = Depends(get_session)) -> HoldService:
    state = request.app.state
    return HoldService(
        state.settings,
        _patron_service(request, session),
        HoldRepository(session),
        HoldingRepository(session),
        CatalogueRepository(session, state.pg_pool),
        NoticeService(state.email, state.sms),
        state.redis,
    )


def get_elending(request: Request, session: AsyncSession = Depends(get_session)) -> ELendingService:
    state = request.app.state
    return ELendingService(
        state.settings,
        _patron_service(request, session),
        LicenceRepository(session),
        LoanRepository(session),
        state.distributor,
        state.redis,
    )


def get_catalogue_service(request: Request, session: AsyncSession = Depends(get_session)) -> CatalogueService:
    state = request.app.state
    return CatalogueService(
        state.settings,
        CatalogueRepository(session, state.pg_pool),
        HoldingRepository(session),
        LicenceRepository(session),
        AvailabilityCache(state.redis),
        state.distributor,
        state.redis,
        state.distributor_breaker,
    )


def get_transfer_service(request: Request, session: AsyncSession = Depends(get_session)) -> TransferService:
    return TransferService(TransferRepository(session), request.app.state.courier)


def get_kiosk_service(request: Request, session: AsyncSession = Depends(get_session)) -> KioskService:
    state = request.app.state
    return KioskService(state.settings, KioskEventRepository(state.pg_pool), get_circulation(request, session))


def require_staff(request: Request, authorization: str = Header(default="")) -> str:
    token = authorization.removeprefix("Bearer ").strip()
    staff_id = verify_staff_token(request.app.state.settings.staff_token_secret, token)
    if staff_id is None:
        raise HTTPException(status_code=401, detail="staff token required")
    return staff_id
