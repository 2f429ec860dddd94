"""FastAPI dependency providers; long-lived clients live on app.state (created in the lifespan)."""
from __future__ import annotations

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings, get_settings
from svc.db.engine import get_session
from svc.services.address_service import AddressService
from svc.services.approval_service import ApprovalService
from svc.services.withdrawal_service import WithdrawalService


def state(request: Request):
    return request.app.state


def address_service(session: AsyncSession = Depends(get_session), settings: Settings = Depends(get_settings)) -> AddressService:
    return AddressService(session, settings)


def withdrawal_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> WithdrawalService:
    st = request.app.state
    return WithdrawalService(session, st.ledger_repo, st.redis, st.compliance, st.valuation, st.notifier, settings)


def approval_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> ApprovalService:
    st = request.app.state
    return ApprovalService(session, st.ledger_repo, st.notifier, settings)
