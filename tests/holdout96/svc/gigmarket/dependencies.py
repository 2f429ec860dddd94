from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, HTTPException, Header, Request
import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from .db import SessionFactory
from .models import User
from .security import decode_token
from .services.accounts import AccountService, IdentityService
from .services.contracts import ContractService
from .services.disputes import DisputeService
from .services.escrow import EscrowService
from .services.fees import FeeService
from .services.jobs import JobService
from .services.milestones import MilestoneService
from .services.payouts import PayoutService
from .services.proposals import ProposalService
from .services.search_index import SearchIndexService
from .services.timetracking import TimeTrackingService
from .settings import Settings, get_settings
from .utils.cache import JsonCache


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def current_user(
    authorization: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> User:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        claims = decode_token(token, settings.jwt_secret)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    user = await session.get(User, int(claims["sub"]))
    if user is None or not user.is_active:
        raise HTTPException(status_code=401, detail="unknown user")
    return user


def account_service(session: AsyncSession = Depends(get_session), settings: Settings = Depends(get_settings)) -> AccountService:
    return AccountService(session, settings)


def identity_service(request: Request, session: AsyncSession = Depends(get_session)) -> IdentityService:
    state = request.app.state
    return IdentityService(session, state.kyc, state.storage, state.redis)


def job_service(request: Request, session: AsyncSession = Depends(get_session)) -> JobService:
    state = request.app.state
    return JobService(session, state.search, JsonCache(state.redis, "jobs", ttl=120))


def proposal_service(request: Request, session: AsyncSession = Depends(get_session)) -> ProposalService:
    return ProposalService(session, request.app.state.redis)


def contract_service(request: Request, session: AsyncSession = Depends(get_session)) -> ContractService:
    return ContractService(session, JsonCache(request.app.state.redis, "contracts", ttl=60))


def milestone_service(request: Request, session: AsyncSession = Depends(get_session)) -> MilestoneService:
    state = request.app.state
    return MilestoneService(session, state.payments, state.locks, state.settings)


def escrow_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    milestones: MilestoneService = Depends(milestone_service),
) -> EscrowService:
    return EscrowService(session, request.app.state.payments, request.app.state.locks, milestones)


def payout_service(request: Request, session: AsyncSession = Depends(get_session)) -> PayoutService:
    return PayoutService(session, request.app.state.bank, request.app.state.partner)


def dispute_service(request: Request, session: AsyncSession = Depends(get_session)) -> DisputeService:
    state = request.app.state
    return DisputeService(session, state.storage, state.hub, state.settings)


def fee_service(request: Request) -> FeeService:
    return FeeService(request.app.state.fx)


def timetracking_service(request: Request) -> TimeTrackingService:
    return request.app.state.timetracking


def search_index_service(request: Request, session: AsyncSession = Depends(get_session)) -> SearchIndexService:
    return SearchIndexService(session, request.app.state.search)
