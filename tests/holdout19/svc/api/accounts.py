from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, status

from svc.api.deps import account_service, current_user, get_container, kyc_service
from svc.api.schemas import KycStartIn, PinIn, SignupIn
from svc.clients.kyc import Applicant
from svc.container import Container
from svc.security import AuthUser
from svc.services.accounts import AccountService, PublicProfile
from svc.services.compliance import KycService

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def signup(body: SignupIn, accounts: AccountService = Depends(account_service)) -> dict[str, UUID]:
    user_id = await accounts.register(
        email=body.email, handle=body.handle, display_name=body.display_name, phone=body.phone, currency=body.currency
    )
    return {"id": user_id}


@router.put("/me/pin", status_code=status.HTTP_204_NO_CONTENT)
async def set_pin(body: PinIn, user: AuthUser = Depends(current_user), accounts: AccountService = Depends(account_service)) -> None:
    await accounts.set_pin(user.id, body.pin)


@router.get("/search")
async def search_users(
    q: str = Query(min_length=2), _: AuthUser = Depends(current_user), accounts: AccountService = Depends(account_service)
) -> list[PublicProfile]:
    return await accounts.search(q)


@router.get("/{user_id}/profile")
async def profile(user_id: UUID, _: AuthUser = Depends(current_user), accounts: AccountService = Depends(account_service)) -> PublicProfile:
    return await accounts.public_profile(user_id)


@router.post("/me/kyc")
async def start_kyc(body: KycStartIn, user: AuthUser = Depends(current_user), kyc: KycService = Depends(kyc_service)) -> dict[str, str]:
    applicant = Applicant(external_user_id=str(user.id), **body.model_dump())
    return {"provider_ref": await kyc.start_verification(user.id, applicant)}


@router.get("/me/kyc")
async def kyc_status(user: AuthUser = Depends(current_user), kyc: KycService = Depends(kyc_service)) -> dict[str, str]:
    return {"status": await kyc.refresh_status(user.id)}


@router.get("/me/portfolio")
async def portfolio(
    currency: str = "EUR", user: AuthUser = Depends(current_user), container: Container = Depends(get_container)
) -> dict[str, Decimal]:
    return {"total": await container.portfolio.total_value(user.id, currency)}


@router.get("/me/limits")
async def limits(user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> dict[str, Any]:
    return await container.limits.limits_for(user.id)


@router.get("/me/notifications")
async def notifications(user: AuthUser = Depends(current_user), container: Container = Depends(get_container)) -> list[dict[str, Any]]:
    return await container.notifications.unread(user.id)
